using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Sms;
using Reminders.Core.Storage;

namespace Reminders.Functions.Http.Health;

internal static class HealthEndpoints
{
    internal static async Task<Results<Ok<HealthView>, JsonHttpResult<HealthView>>> GetAsync(
        IStoreInitializer store, ISmsGateway gateway, IScanQuarantine quarantine, CancellationToken cancellationToken)
    {
        var reachable = await store.IsReachableAsync(cancellationToken);
        // A quarantined row means a subscriber gets no texts until an admin fixes it: degraded, though the app serves.
        var quarantined = reachable ? await quarantine.CountAsync(cancellationToken) : 0;
        var view = new HealthView(reachable && quarantined == 0 ? "ok" : "degraded", reachable, gateway.Name) { ScanQuarantined = quarantined };
        return reachable ? TypedResults.Ok(view) : TypedResults.Json(view, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}

/// <summary>Liveness and storage reachability.</summary>
public sealed record HealthView(string Status, bool StorageReachable, string SmsGateway)
{
    /// <summary>Due-index rows in the scan quarantine (see <c>GET /api/quarantine</c>).</summary>
    public int ScanQuarantined { get; init; }
}
