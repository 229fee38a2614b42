using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Reminders.Functions.Functions;
using Reminders.Functions.Hosting;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.FunctionsHost;

/// <summary>Both hosts are built (not run) with every registration validated, and the mode is chosen as the host launches it.</summary>
public sealed class HostBuildTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task FunctionsModeHost_BuiltWithValidateOnBuildAndScopes_ConstructsEveryFunctionClass()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        await using var scope = worker.Services.CreateAsyncScope();

        foreach (var type in FunctionClasses())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Fact]
    public void StandaloneHost_BuiltWithValidateOnBuildAndScopes_ConstructsEveryFunctionClass()
    {
        var directory = Path.Combine(Path.GetTempPath(), "reminders-standalone-build", Guid.NewGuid().ToString("N"));
        var builder = StandaloneApp.CreateBuilder(["--Storage:Provider=sqlite", "--Storage:SqlitePath=" + Path.Combine(directory, "r.db"), "--urls=http://127.0.0.1:0"]);
        builder.Host.UseDefaultServiceProvider(o =>
        {
            o.ValidateOnBuild = true;
            o.ValidateScopes = true;
        });
        using var app = StandaloneApp.Build(builder);
        using var scope = app.Services.CreateScope();

        foreach (var type in FunctionClasses())
        {
            Assert.NotNull(ActivatorUtilities.CreateInstance(scope.ServiceProvider, type));
        }
    }

    [Fact]
    public void StandaloneHost_SettingsFiles_ReadOnceNotWatched()
    {
        var configuration = StandaloneApp.CreateBuilder(["--urls=http://127.0.0.1:0"]).Configuration;

        var files = ((IConfigurationBuilder)configuration).Sources.OfType<FileConfigurationSource>().ToList();
        Assert.NotEmpty(files);
        Assert.All(files, f => Assert.False(f.ReloadOnChange, f.Path));
    }

    [Fact]
    public void StandaloneHost_ReloadAskedForOnTheCommandLine_Watches()
    {
        var configuration = StandaloneApp.CreateBuilder(["--hostBuilder:reloadConfigOnChange=true"]).Configuration;

        Assert.Contains(((IConfigurationBuilder)configuration).Sources.OfType<FileConfigurationSource>(), f => f.ReloadOnChange);
    }

    [Theory]
    [InlineData(new[] { "--host", "127.0.0.1", "--port", "50123", "--workerId", "w" }, null, "Functions")]
    [InlineData(new[] { "--functions-uri", "http://127.0.0.1:50123/" }, null, "Functions")]
    [InlineData(new string[0], "dotnet-isolated", "Functions")]
    [InlineData(new string[0], null, "Standalone")]
    [InlineData(new[] { "--urls", "http://localhost:5000" }, "", "Standalone")]
    public void HostLaunch_ArgumentsAndWorkerRuntime_ChooseTheMode(string[] args, string? workerRuntime, string expected)
    {
        var mode = HostLaunch.Detect(args, name => name == HostLaunch.WorkerRuntimeVariable ? workerRuntime : null);

        Assert.Equal(expected, mode.ToString());
    }

    private static IEnumerable<Type> FunctionClasses() =>
        typeof(DueScan).Assembly.GetTypes().Where(t => t.Namespace == typeof(DueScan).Namespace && t.GetMethods().Any(m =>
            m.GetCustomAttributes(typeof(Microsoft.Azure.Functions.Worker.FunctionAttribute), false).Length > 0));
}
