using Microsoft.Azure.Functions.Worker;
using Reminders.Functions.Http;
using Reminders.Functions.Http.AdminPage;

namespace Reminders.Functions.Functions;

/// <summary><c>GET /manage/</c>: the admin page's static files (public; its API calls carry the admin key).</summary>
internal sealed class AdminPageFunction(HttpPipeline pipeline, AdminPage page)
{
    [Function("AdminPage")]
    public Task<IResult> ServeAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", "head", Route = "manage/{*file}")] HttpRequest req, string? file) =>
        pipeline.RunAsync(req, HttpAccess.Public, (http, _) => Task.FromResult(page.Serve(http, file)));
}
