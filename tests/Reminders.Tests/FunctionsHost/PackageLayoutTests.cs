using System.IO.Compression;
using System.Runtime.Versioning;
using System.Text.Json;
using Reminders.Functions.Triggers;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The package <c>eng/package.sh</c> builds, checked against what the Functions host needs and against the app's
/// real route table: every function.json serves something the app has, and everything the app serves is reachable.
/// </summary>
[Collection(PackageBuild.Name)]
[UnsupportedOSPlatform("windows")] // the package is a linux-x64 build made by a bash script
public sealed class PackageLayoutTests(PackageFixture package)
{
    private const UnixFileMode Executable = UnixFileMode.UserExecute;

    private static readonly string[] ReservedRoutePrefixes = ["admin", "runtime"];

    [Fact]
    public void HostJson_InPackage_PointsAtAnExecutableSelfContainedHandler()
    {
        using var host = JsonDocument.Parse(File.ReadAllText(Path.Combine(package.AppDirectory, "host.json")));
        var root = host.RootElement;
        var description = root.GetProperty("customHandler").GetProperty("description");

        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var executable = description.GetProperty("defaultExecutablePath").GetString()!;
        // The host resolves defaultExecutablePath against the app root, not against workingDirectory.
        var path = Path.Combine(package.AppDirectory, executable);
        Assert.True(File.Exists(path), $"{executable} is not in the package.");
        Assert.True(File.GetUnixFileMode(path).HasFlag(Executable), $"{executable} is not executable.");
        Assert.True(Directory.Exists(Path.Combine(package.AppDirectory, description.GetProperty("workingDirectory").GetString()!)));
        Assert.True(root.GetProperty("customHandler").GetProperty("enableForwardingHttpRequest").GetBoolean());
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.Equal("[4.*, 5.0.0)", root.GetProperty("extensionBundle").GetProperty("version").GetString());
        Assert.Equal(string.Empty, root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 2, 10);
        Assert.InRange(queues.GetProperty("batchSize").GetInt32(), 1, 32);
        Assert.True(TimeSpan.TryParse(root.GetProperty("functionTimeout").GetString(), System.Globalization.CultureInfo.InvariantCulture, out _));

        // Self-contained: the runtime travels with the handler, so the Flex image needs no .NET 10 of its own.
        Assert.True(File.Exists(Path.Combine(package.HandlerDirectory, "libcoreclr.so")), "The handler is not a self-contained linux-x64 build.");
        Assert.True(File.Exists(Path.Combine(package.HandlerDirectory, "libe_sqlite3.so")), "The linux-x64 SQLite native library is missing.");
    }

    [Fact]
    public void Zip_EveryEntry_MatchesTheFolderAndKeepsTheExecutableBit()
    {
        using var zip = ZipFile.OpenRead(package.ZipPath);
        var entries = zip.Entries.Where(e => !e.FullName.EndsWith('/')).ToDictionary(e => e.FullName, StringComparer.Ordinal);
        var files = Directory.GetFiles(package.AppDirectory, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(package.AppDirectory, f).Replace('\\', '/'))
            .ToHashSet(StringComparer.Ordinal);

        Assert.Equal(files.Order(StringComparer.Ordinal), entries.Keys.Order(StringComparer.Ordinal));
        Assert.Contains("host.json", entries.Keys);
        var handler = entries["handler/Reminders.Functions"];
        var mode = (UnixFileMode)((handler.ExternalAttributes >> 16) & 0xFFF);
        Assert.True(mode.HasFlag(Executable), $"The zip entry for the handler has mode {Convert.ToString((int)mode, 8)}.");
        Assert.False(((UnixFileMode)((entries["host.json"].ExternalAttributes >> 16) & 0xFFF)).HasFlag(Executable));
    }

    [Fact]
    public void FunctionJson_EveryDefinition_ParsesWithExactlyOneTriggerAndUniqueBindingNames()
    {
        var functions = FunctionDefinition.LoadAll(package.AppDirectory);
        var sources = Directory.GetDirectories(Path.Combine(RepositoryRoot.Path, "src", "Functions", "FunctionApp")).Select(Path.GetFileName);

        Assert.Equal(sources.Order(StringComparer.Ordinal), functions.Select(f => f.Name));
        Assert.All(functions, function =>
        {
            Assert.Single(function.Triggers);
            Assert.All(function.Bindings, b => Assert.Contains(FunctionDefinition.Text(b, "direction"), new[] { "in", "out" }));
            var names = function.Bindings.Select(b => FunctionDefinition.Text(b, "name")).ToList();
            Assert.All(names, n => Assert.False(string.IsNullOrEmpty(n)));
            Assert.Equal(names.Count, names.Distinct(StringComparer.OrdinalIgnoreCase).Count());
        });
    }

    [Fact]
    public void FunctionJson_TimerAndQueueFunctions_MatchTheHandlerEndpointsAndBindingNames()
    {
        var functions = FunctionDefinition.LoadAll(package.AppDirectory).Where(f => !f.IsHttp).ToList();
        var hostEndpoints = AppRoutes.InCustomHandlerMode().Where(r => r.HostOnly).ToList();

        // Each non-HTTP function is POSTed to /{name}; the app must serve exactly that.
        Assert.All(functions, f => Assert.Contains(hostEndpoints, r => r.SamplePath == "/" + f.Name && r.Methods.SequenceEqual(["POST"])));
        Assert.Contains(hostEndpoints, r => r.SamplePath == "/" && r.Methods.SequenceEqual(["GET"]));
        Assert.All(hostEndpoints.Where(r => r.SamplePath != "/"), r => Assert.Contains(functions, f => "/" + f.Name == r.SamplePath));

        var dueScan = Assert.Single(functions, f => f.Name == FunctionBindings.DueScan);
        Assert.Equal("timerTrigger", dueScan.TriggerType);
        Assert.Equal(FunctionBindings.DueScanTimer, FunctionDefinition.Text(dueScan.Trigger, "name"));
        Assert.Equal("%DueScanSchedule%", FunctionDefinition.Text(dueScan.Trigger, "schedule"));
        Assert.True(dueScan.Trigger.GetProperty("useMonitor").GetBoolean());
        Assert.False(dueScan.Trigger.GetProperty("runOnStartup").GetBoolean());
        var output = dueScan.Binding("queue");
        Assert.Equal("out", FunctionDefinition.Text(output, "direction"));
        Assert.Equal(FunctionBindings.DueScanBatches, FunctionDefinition.Text(output, "name"));
        Assert.Equal(FunctionBindings.BatchQueue, FunctionDefinition.Text(output, "queueName"));

        var sendBatch = Assert.Single(functions, f => f.Name == FunctionBindings.SendBatch);
        Assert.Equal("queueTrigger", sendBatch.TriggerType);
        Assert.Equal(FunctionBindings.SendBatchMessage, FunctionDefinition.Text(sendBatch.Trigger, "name"));
        Assert.Equal(FunctionBindings.BatchQueue, FunctionDefinition.Text(sendBatch.Trigger, "queueName"));
        Assert.Null(FunctionDefinition.Text(sendBatch.Trigger, "dataType"));
    }

    [Fact]
    public void FunctionJson_HttpFunctions_CoverEveryAppRouteAndServeOnlyRoutesTheAppHas()
    {
        var functions = FunctionDefinition.LoadAll(package.AppDirectory).Where(f => f.IsHttp).ToList();
        var routes = AppRoutes.InCustomHandlerMode().Where(r => !r.HostOnly).ToList();
        Assert.NotEmpty(routes);

        var uncovered = new List<string>();
        var served = functions.ToDictionary(f => f.Name, _ => new HashSet<string>(StringComparer.Ordinal));
        foreach (var route in routes)
        {
            var matches = functions.Where(f => AppRoutes.HostRouteMatches(f.Route, route.SamplePath)).ToList();
            if (matches.Count != 1)
            {
                uncovered.Add($"{route} ({route.SamplePath}) is matched by {matches.Count} HTTP functions: {string.Join(", ", matches.Select(m => m.Name))}");
                continue;
            }

            var function = matches[0];
            var missing = function.Methods.Count == 0 ? [] : route.Methods.Count == 0 ? ["every method"] : route.Methods.Except(function.Methods).ToList();
            if (missing.Count > 0)
            {
                uncovered.Add($"{route} reaches function {function.Name}, whose methods lack {string.Join(", ", missing)}");
            }

            served[function.Name].UnionWith(route.Methods.Count == 0 ? function.Methods : route.Methods);
        }

        Assert.True(uncovered.Count == 0, "App routes the Functions host would not forward:\n" + string.Join('\n', uncovered));
        Assert.All(functions, f =>
        {
            Assert.True(served[f.Name].Count > 0, $"HTTP function {f.Name} (route '{f.Route}') reaches no route the app serves.");
            Assert.True(f.Methods.Count > 0, $"HTTP function {f.Name} should list its methods.");
            Assert.Empty(f.Methods.Except(served[f.Name]));
        });
    }

    [Fact]
    public void FunctionJson_HttpFunctions_AreForwardedAnonymousAndAvoidReservedAndHandlerPaths()
    {
        var functions = FunctionDefinition.LoadAll(package.AppDirectory).Where(f => f.IsHttp).ToList();
        var hostOnlyPaths = AppRoutes.InCustomHandlerMode().Where(r => r.HostOnly).Select(r => r.SamplePath).ToList();

        Assert.NotEmpty(functions);
        Assert.All(functions, f =>
        {
            // Forwarding applies only to exactly one httpTrigger in and one http out.
            Assert.Equal(2, f.Bindings.Count);
            Assert.Equal("out", FunctionDefinition.Text(f.Binding("http"), "direction"));
            Assert.Equal("anonymous", FunctionDefinition.Text(f.Trigger, "authLevel"));

            // The host refuses routes starting with its own "admin" and "runtime" (routePrefix is empty here).
            Assert.DoesNotContain(ReservedRoutePrefixes, p => f.Route.StartsWith(p, StringComparison.OrdinalIgnoreCase));

            // No public route may forward to the trigger endpoints or the readiness probe.
            Assert.All(hostOnlyPaths, path => Assert.False(AppRoutes.HostRouteMatches(f.Route, path), $"{f.Name} would forward {path}."));
        });

        // The host rejects two functions with the same route and overlapping methods.
        var pairs = functions.SelectMany(f => f.Methods.Select(m => (Route: f.Route.ToUpperInvariant(), Method: m))).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
    }
}
