namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// Builds the deployment package once (<c>bash eng/package.sh &lt;temp&gt;</c>, the documented command) for every
/// test in the <see cref="PackageBuild"/>. Takes a minute or two: a Release, self-contained linux-x64 publish.
/// </summary>
public sealed class PackageFixture : IAsyncLifetime
{
    private static readonly TimeSpan BuildLimit = TimeSpan.FromMinutes(15);

    public string OutputDirectory { get; } = Path.Combine(Path.GetTempPath(), "reminders-package-tests", Guid.NewGuid().ToString("N"));

    public string AppDirectory => Path.Combine(OutputDirectory, "app");

    public string ZipPath => Path.Combine(OutputDirectory, "reminders-functions.zip");

    public string HandlerDirectory => Path.Combine(AppDirectory, "handler");

    public string HandlerExecutable => Path.Combine(HandlerDirectory, "Reminders.Functions");

    public async ValueTask InitializeAsync()
    {
        var script = Path.Combine(RepositoryRoot.Path, "eng", "package.sh");
        var (exitCode, output) = await ChildProcess.RunAsync("bash", [script, OutputDirectory], RepositoryRoot.Path, BuildLimit, CancellationToken.None);
        if (exitCode != 0)
        {
            throw new InvalidOperationException($"eng/package.sh failed with exit code {exitCode}:\n{output}");
        }
    }

    public ValueTask DisposeAsync()
    {
        try
        {
            Directory.Delete(OutputDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        return ValueTask.CompletedTask;
    }
}

/// <summary>Tests that need the built package share one build.</summary>
[CollectionDefinition(Name)]
public sealed class PackageBuild : ICollectionFixture<PackageFixture>
{
    public const string Name = "Functions package";
}
