using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Health;

namespace Reminders.Functions.Functions;

/// <summary><c>GET /api/health</c>: liveness and storage reachability (public).</summary>
internal sealed class HealthFunctions(HttpPipeline pipeline, IStoreInitializer store, ISmsGateway gateway, IScanQuarantine quarantine)
{
    [Function("Health")]
    public Task<IResult> HealthAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/health")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Public, async (_, ct) => await HealthEndpoints.GetAsync(store, gateway, quarantine, ct));
}
