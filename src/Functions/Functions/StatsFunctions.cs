using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Stats;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Stats;

namespace Reminders.Functions.Functions;

/// <summary><c>GET /api/stats?from=&amp;to=</c> (admin key).</summary>
internal sealed class StatsFunctions(HttpPipeline pipeline, StatsService stats)
{
    [Function("GetStats")]
    public Task<IResult> GetStatsAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/stats")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) =>
            await StatsEndpoints.GetAsync(Query.Text(http, "from"), Query.Text(http, "to"), stats, ct));
}
