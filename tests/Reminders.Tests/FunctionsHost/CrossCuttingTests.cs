using System.Net;
using System.Net.Http.Json;
using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reminders.Core.Storage;
using Reminders.Functions.Functions;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The cross-cutting HTTP behaviour in both modes: Functions mode invokes the function method as the worker's ASP.NET
/// Core integration would; standalone goes over HTTP through the runner. Admin key, exceptions as problem details,
/// the signup limit, the forwarded client address and the security headers.
/// </summary>
public sealed class CrossCuttingTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AdminKey_Missing_401WithBearerChallenge_FunctionsMode()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);

        var response = await worker.InvokeAsync<StatsFunctions>((f, r) => f.GetStatsAsync(r), r => Get(r, "/api/stats"));
        var authorized = await worker.InvokeAsync<StatsFunctions>((f, r) => f.GetStatsAsync(r), r => { Get(r, "/api/stats"); WorkerDriver.Admin(r); });

        Assert.Equal(StatusCodes.Status401Unauthorized, response.Status);
        Assert.Equal("Bearer", response.Headers.WWWAuthenticate.ToString());
        Assert.Contains("application/problem+json", response.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Equal(StatusCodes.Status200OK, authorized.Status);
    }

    [Fact]
    public async Task AdminKey_Missing_401WithBearerChallenge_Standalone()
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/api/stats", Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Exception_InAFunction_Becomes500ProblemDetails_FunctionsMode()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, services => FailStats(services));

        var response = await worker.InvokeAsync<StatsFunctions>((f, r) => f.GetStatsAsync(r), r => { Get(r, "/api/stats"); WorkerDriver.Admin(r); });

        Assert.Equal(StatusCodes.Status500InternalServerError, response.Status);
        Assert.Contains("application/problem+json", response.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("unreachable", response.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Exception_InAFunction_Becomes500ProblemDetails_Standalone()
    {
        await using var app = new RemindersAppFactory(Start, b => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(b, FailStats));
        using var client = app.CreateAdminClient();

        using var response = await client.GetAsync("/api/stats", Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("unreachable", await response.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignupLimit_AndForwardedAddress_FunctionsMode_LimitsEachForwardedClientSeparately()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, "Signup:MaxPerAddressPerHour=1");

        Assert.Equal(202, (await WorkerDriver.SignUpAsync(worker, "+12125550101", "203.0.113.7:50123")).Status);
        var refused = await WorkerDriver.SignUpAsync(worker, "+12125550102", "203.0.113.7:50999");
        Assert.Equal(429, (await WorkerDriver.SignUpAsync(worker, "+12125550103", "198.51.100.1, 203.0.113.7")).Status);
        Assert.Equal(202, (await WorkerDriver.SignUpAsync(worker, "+12125550104", "203.0.113.8:40000")).Status);

        Assert.Equal(429, refused.Status);
        Assert.Contains("application/problem+json", refused.Headers.ContentType.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignupLimit_Standalone_AppliesPerPeerAndIgnoresXForwardedFor()
    {
        await using var app = new RemindersAppFactory(Start, b => b.UseSetting("Signup:MaxPerAddressPerHour", "1"));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, await SignUpAsync(client, "+12125550101", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignUpAsync(client, "+12125550102", "203.0.113.8"));
    }

    [Fact]
    public async Task SecurityHeaders_OnEveryFunctionResponse_BothModes()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        var functions = await worker.InvokeAsync<HealthFunctions>((f, r) => f.HealthAsync(r), r => Get(r, "/api/health"));
        using var standalone = await client.GetAsync("/api/health", Ct);

        Assert.Equal(200, functions.Status);
        Assert.Equal("nosniff", functions.Headers.XContentTypeOptions.ToString());
        Assert.Equal("DENY", functions.Headers.XFrameOptions.ToString());
        Assert.Equal(HttpStatusCode.OK, standalone.StatusCode);
        Assert.Equal("nosniff", standalone.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", standalone.Headers.GetValues("X-Frame-Options").Single());
    }

    private static void Get(HttpRequest request, string path)
    {
        request.Method = "GET";
        request.Path = path;
    }

    private static void FailStats(IServiceCollection services)
    {
        services.RemoveAll<IStatsStore>();
        services.AddSingleton(_ => DispatchProxy.Create<IStatsStore, FailingStore>());
    }

    private static async Task<HttpStatusCode> SignUpAsync(HttpClient client, string phone, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = JsonContent.Create(new { phone, timeZone = "America/New_York", sendAt = "09:30" }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }
}
