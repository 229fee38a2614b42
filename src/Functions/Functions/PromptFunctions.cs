using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Prompts;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Prompts;

namespace Reminders.Functions.Functions;

/// <summary><c>/api/prompts</c>: the prompt library API (admin key); writes are guarded by ETags.</summary>
internal sealed class PromptFunctions(HttpPipeline pipeline, PromptLibraryService library)
{
    [Function("ListPrompts")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/prompts")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.ListAsync(
            Query.Text(http, "category"), Query.Text(http, "enabled"), Query.Text(http, "pageSize"), Query.Text(http, "continuationToken"), library, ct));

    [Function("CreatePrompt")]
    public Task<IResult> CreateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/prompts")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.CreateAsync(http, library, ct));

    [Function("ExportPrompts")]
    public Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/prompts/export")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.ExportAsync(http, library, ct));

    [Function("ImportPrompts")]
    public Task<IResult> ImportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/prompts/import")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.ImportAsync(http, library, ct));

    [Function("GetPrompt")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/prompts/{id}")] HttpRequest req, string id) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.GetAsync(id, http, library, ct));

    [Function("UpdatePrompt")]
    public Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/prompts/{id}")] HttpRequest req, string id) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.UpdateAsync(id, http, library, ct));

    [Function("DeletePrompt")]
    public Task<IResult> DeleteAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/prompts/{id}")] HttpRequest req, string id) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await PromptEndpoints.DeleteAsync(id, http, library, ct));

    [Function("GetPromptHistory")]
    public Task<IResult> HistoryAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/prompts/{id}/history")] HttpRequest req, string id) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (_, ct) => await PromptEndpoints.HistoryAsync(id, library, ct));
}
