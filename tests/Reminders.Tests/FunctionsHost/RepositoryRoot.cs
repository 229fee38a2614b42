namespace Reminders.Tests.FunctionsHost;

/// <summary>The repository checkout the tests run from (the folder holding Reminders.sln).</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Reminders.sln above {AppContext.BaseDirectory}.");
    }
}
