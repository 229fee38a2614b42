using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reminders.Core.Storage;
using Reminders.Functions.Hosting;
using Reminders.Functions.Http;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// Start-up prepares the store beside the server's start (off the path to the first 200): a request that arrives
/// first waits for it, and a store that cannot be prepared still stops the app, as it did when start-up blocked.
/// </summary>
public sealed class StoreReadinessTests
{
    private static readonly DateTimeOffset Start = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task FirstRequest_StoreStillBeingPrepared_WaitsForItThenAnswers()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        GatedInitializer? initializer = null;
        await using var app = new RemindersAppFactory(Start, web => web.ConfigureTestServices(services =>
            Replace(services, inner => initializer = new GatedInitializer(inner, gate.Task))))
        { WaitForStore = false };
        using var client = app.CreateClient();

        var health = client.GetAsync(new Uri("/api/health", UriKind.Relative), Ct);
        // Held at the gate: the answer must not come while the store is unprepared (a generous bound, not a speed goal).
        var first = await Task.WhenAny(health, Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System, Ct));
        Assert.NotSame(health, first);
        Assert.False(initializer!.Finished);

        gate.SetResult();
        using var response = await health;

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(initializer.Finished);
    }

    [Fact]
    public async Task StoreCannotBePrepared_TheAppStops()
    {
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var app = new RemindersAppFactory(Start, web => web.ConfigureTestServices(services =>
            Replace(services, _ => new FailingInitializer(gate.Task))))
        { WaitForStore = false };
        using var client = app.CreateClient();
        var stopping = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(() => stopping.TrySetResult());

        gate.SetResult();

        await stopping.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct);
    }

    [Fact]
    public async Task Request_StoreCouldNotBePrepared_Gets503ProblemAndTheFunctionNeverRuns()
    {
        await using var harness = await WorkerHarness.StartAsync(Start);
        var readiness = new StoreReadiness();
        readiness.Failed(new InvalidOperationException("disk is on fire"));
        var pipeline = ActivatorUtilities.CreateInstance<HttpPipeline>(harness.Services, readiness);
        await using var scope = harness.Services.CreateAsyncScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Response.Body = new MemoryStream();
        var ran = false;

        var result = await pipeline.RunAsync(http.Request, HttpAccess.Public, (_, _) =>
        {
            ran = true;
            return Task.FromResult<IResult>(TypedResults.Ok());
        });
        await result.ExecuteAsync(http);

        Assert.False(ran);
        Assert.Equal(StatusCodes.Status503ServiceUnavailable, http.Response.StatusCode);
        http.Response.Body.Position = 0;
        Assert.DoesNotContain("disk is on fire", await new StreamReader(http.Response.Body).ReadToEndAsync(Ct), StringComparison.Ordinal);
    }

    private static void Replace(IServiceCollection services, Func<IStoreInitializer, IStoreInitializer> wrap)
    {
        var original = services.Last(d => d.ServiceType == typeof(IStoreInitializer));
        services.RemoveAll<IStoreInitializer>();
        services.AddSingleton(sp => wrap((IStoreInitializer)original.ImplementationFactory!(sp)));
    }

    private sealed class GatedInitializer(IStoreInitializer inner, Task gate) : IStoreInitializer
    {
        public bool Finished { get; private set; }

        public async Task InitializeAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            await inner.InitializeAsync(cancellationToken);
            Finished = true;
        }

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => inner.IsReachableAsync(cancellationToken);
    }

    private sealed class FailingInitializer(Task gate) : IStoreInitializer
    {
        public async Task InitializeAsync(CancellationToken cancellationToken)
        {
            await gate.WaitAsync(cancellationToken);
            throw new InvalidOperationException("disk is on fire");
        }

        public Task<bool> IsReachableAsync(CancellationToken cancellationToken) => Task.FromResult(false);
    }
}
