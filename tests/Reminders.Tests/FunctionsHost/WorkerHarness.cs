using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using Reminders.Functions.Hosting;

namespace Reminders.Tests.FunctionsHost;

/// <summary>What an HTTP function answered, read back from the response it wrote.</summary>
internal sealed record FunctionResponse(int Status, IHeaderDictionary Headers, string Body);

/// <summary>
/// The Functions-mode host (the isolated worker as the Functions host would launch it), built but never run: there is
/// no Functions host here. Its services construct the function classes exactly as the worker does, and an HTTP function
/// is invoked with a <see cref="DefaultHttpContext"/> request, as the ASP.NET Core integration binds it.
/// Built with <c>ValidateOnBuild</c> and <c>ValidateScopes</c>, on its own SQLite file and a manual clock.
/// </summary>
internal sealed class WorkerHarness : IAsyncDisposable
{
    public const string AdminKey = "worker-admin-key-0123456789";

    private readonly string _directory;

    private WorkerHarness(IHost host, FakeTimeProvider time, string directory)
    {
        _directory = directory;
        Host = host;
        Time = time;
    }

    public IHost Host { get; }

    public FakeTimeProvider Time { get; }

    public IServiceProvider Services => Host.Services;

    public static Task<WorkerHarness> StartAsync(DateTimeOffset start, params string[] settings) =>
        StartAsync(start, _ => { }, settings);

    public static async Task<WorkerHarness> StartAsync(DateTimeOffset start, Action<IServiceCollection> configure, params string[] settings)
    {
        var directory = Path.Combine(Path.GetTempPath(), "reminders-worker-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        string[] args =
        [
            "--Storage:Provider=sqlite",
            "--Storage:SqlitePath=" + Path.Combine(directory, "reminders.db"),
            "--Admin:ApiKeys:0=tester:" + AdminKey,
            "--Signup:MaxPerAddressPerHour=10000",
            .. settings.Select(s => "--" + s),
        ];
        var time = new FakeTimeProvider(start);
        var builder = FunctionsWorker.CreateBuilder(args);
        builder.Services.RemoveAll<TimeProvider>();
        builder.Services.AddSingleton<TimeProvider>(time);
        configure(builder.Services);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var host = builder.Build();
        var harness = new WorkerHarness(host, time, directory);
        // The host is never run, so only StoreStartup is started: it creates the store and seeds the built-in prompts
        // in the background, and the functions wait on the readiness gate as they do under the host.
        await ActivatorUtilities.CreateInstance<StoreStartup>(host.Services).StartAsync(TestContext.Current.CancellationToken);
        await host.Services.GetRequiredService<StoreReadiness>().WaitAsync(TestContext.Current.CancellationToken);
        return harness;
    }

    /// <summary>Creates the function class from the worker's services, as the worker's activator does.</summary>
    public static T Create<T>(IServiceProvider scope)
        where T : class => ActivatorUtilities.CreateInstance<T>(scope);

    /// <summary>Invokes one HTTP function method with a request built by <paramref name="request"/>; executes its result.</summary>
    public async Task<FunctionResponse> InvokeAsync<T>(Func<T, HttpRequest, Task<IResult>> function, Action<HttpRequest> request)
        where T : class => (await InvokeAsync(function, result => result, request)).Response;

    /// <summary>
    /// Invokes a multi-output HTTP function: executes the <c>[HttpResult]</c> that <paramref name="httpResult"/> picks,
    /// and returns the whole output too, whose other properties the host would write to their bindings.
    /// </summary>
    public async Task<(FunctionResponse Response, TOutput Output)> InvokeAsync<T, TOutput>(
        Func<T, HttpRequest, Task<TOutput>> function, Func<TOutput, IResult> httpResult, Action<HttpRequest> request)
        where T : class
    {
        await using var scope = Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Connection.RemoteIpAddress = System.Net.IPAddress.Loopback;
        http.Request.Scheme = "http";
        http.Request.Host = new HostString("127.0.0.1", 7071);
        request(http.Request);
        var body = new MemoryStream();
        http.Response.Body = body;

        var output = await function(Create<T>(scope.ServiceProvider), http.Request);
        await httpResult(output).ExecuteAsync(http);
        return (new FunctionResponse(http.Response.StatusCode, http.Response.Headers, Encoding.UTF8.GetString(body.ToArray())), output);
    }

    public static void Json(HttpRequest request, string method, string path, string json)
    {
        request.Method = method;
        request.Path = path;
        request.ContentType = "application/json";
        var bytes = Encoding.UTF8.GetBytes(json);
        request.Body = new MemoryStream(bytes);
        request.ContentLength = bytes.Length;
    }

    public async ValueTask DisposeAsync()
    {
        Host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }

        await Task.CompletedTask;
    }
}
