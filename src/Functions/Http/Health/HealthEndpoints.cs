using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Sms;
using Reminders.Core.Storage;

namespace Reminders.Functions.Http.Health;

internal static class HealthEndpoints
{
    internal static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetAsync(
        IStoreInitializer store, ISmsGateway gateway, CancellationToken cancellationToken)
    {
        var reachable = await store.IsReachableAsync(cancellationToken);
        var view = new HealthView(reachable ? "ok" : "degraded", reachable, gateway.Name);
        return reachable ? TypedResults.Ok(view) : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Liveness and storage reachability.</summary>
public sealed record HealthView(string Status, bool StorageReachable, string SmsGateway);
