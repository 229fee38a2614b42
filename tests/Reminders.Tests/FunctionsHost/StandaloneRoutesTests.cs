using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>The standalone runner serves exactly the HTTP functions of the generated metadata: same routes, same methods.</summary>
public sealed class StandaloneRoutesTests
{
    [Fact]
    public async Task StandaloneEndpoints_EqualTheMetadataHttpFunctions_BothWays()
    {
        await using var app = new RemindersAppFactory(new DateTimeOffset(2026, 6, 10, 12, 0, 0, TimeSpan.Zero));
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => (Route: e.RoutePattern.RawText!.TrimStart('/'), Methods: string.Join(",", e.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods.Select(m => m.ToLowerInvariant()).Order())))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Methods, StringComparer.Ordinal).ToList();
        var metadata = FunctionsMetadata.Functions.Where(f => f.HttpTrigger is not null)
            .Select(f => (Route: f.HttpTrigger!.Text("route")!, Methods: string.Join(",", f.HttpTrigger.Methods.Order())))
            .OrderBy(e => e.Route, StringComparer.Ordinal).ThenBy(e => e.Methods, StringComparer.Ordinal).ToList();

        Assert.Equal(metadata, endpoints);
    }
}
