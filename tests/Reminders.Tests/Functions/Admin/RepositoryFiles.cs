namespace Reminders.Tests.Functions.Admin;

/// <summary>Finds files in the repository the tests run from (the folder that holds <c>Reminders.sln</c>).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    /// <summary>The admin page's folder in the source tree.</summary>
    public static string AdminPage => System.IO.Path.Combine(Root, "src", "Functions", "wwwroot", "admin");

    public static string File(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (System.IO.File.Exists(System.IO.Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Reminders.sln above {AppContext.BaseDirectory}.");
    }
}
