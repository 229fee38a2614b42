namespace Reminders.Tests.TestDoubles;

/// <summary>Finds the repository root: the nearest parent of the test binaries that holds <c>Reminders.sln</c>.</summary>
internal static class RepositoryRoot
{
    public static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Reminders.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Reminders.sln above {AppContext.BaseDirectory}; run the tests from the repository.");
    }
}
