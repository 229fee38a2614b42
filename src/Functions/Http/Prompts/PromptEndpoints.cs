using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Prompts;
using Reminders.Functions.Http.Admin;

namespace Reminders.Functions.Http.Prompts;

/// <summary>
/// The prompt library API (admin key). Writes are guarded by ETags: <c>PUT</c> requires <c>If-Match</c> (428 without,
/// 412 when stale); <c>DELETE</c> honours it when sent. Rules live in <see cref="PromptLibraryService"/>.
/// </summary>
internal static class PromptEndpoints
{
    /// <summary>An export of the built-in library is about 40 KB; this leaves room for a much larger one.</summary>
    private const int MaxImportBytes = 2 * 1024 * 1024;

    internal static async Task<Results<Ok<PromptPage>, ValidationProblem>> ListAsync(
        string? category, string? enabled, string? pageSize, string? continuationToken, PromptLibraryService library, CancellationToken cancellationToken)
    {
        bool? enabledFilter = null;
        if (!string.IsNullOrEmpty(enabled))
        {
            if (!bool.TryParse(enabled, out var value))
            {
                return JsonBody.Invalid("enabled", "enabled must be true or false.");
            }

            enabledFilter = value;
        }

        var size = PromptLibraryService.DefaultPageSize;
        if (pageSize is { Length: > 0 } && !int.TryParse(pageSize, NumberStyles.None, CultureInfo.InvariantCulture, out size))
        {
            return JsonBody.Invalid("pageSize", $"pageSize must be a whole number between 1 and {PromptLibraryService.MaxPageSize}.");
        }

        var query = new PromptQuery(string.IsNullOrEmpty(category) ? null : category, enabledFilter, size, string.IsNullOrEmpty(continuationToken) ? null : continuationToken);
        var (page, errors) = await library.ListAsync(query, cancellationToken);
        return page is null
            ? TypedResults.ValidationProblem(errors, title: "The query is not valid.")
            : TypedResults.Ok(new PromptPage([.. page.Items.Select(PromptView.From)], page.ContinuationToken));
    }

    internal static async Task<Results<Ok<PromptView>, ProblemHttpResult>> GetAsync(
        string id, HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        if (await library.GetAsync(id, cancellationToken) is not { } stored)
        {
            return NotFound(id);
        }

        ETags.Set(http, stored.ETag);
        return TypedResults.Ok(PromptView.From(stored));
    }

    internal static async Task<Results<Created<PromptSaved>, ValidationProblem, ProblemHttpResult>> CreateAsync(
        HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PromptBody>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await library.CreateAsync(body!.ToDraft(), http.AdminName(), cancellationToken);
        switch (result.Outcome)
        {
            case PromptWriteOutcome.Created:
                var stored = result.Prompt!;
                ETags.Set(http, stored.ETag);
                return TypedResults.Created($"/api/prompts/{Uri.EscapeDataString(stored.Value.Id)}", new PromptSaved(PromptView.From(stored), result.Warnings));
            case PromptWriteOutcome.IdTaken:
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "The id is taken",
                    detail: $"A prompt with the id '{body.Id}' exists (or existed and was disabled); edit it with PUT or choose another id.");
            default:
                return Invalid(result);
        }
    }

    internal static async Task<Results<Ok<PromptSaved>, ValidationProblem, ProblemHttpResult>> UpdateAsync(
        string id, HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var ifMatch = ETags.ReadIfMatch(http.Request);
        if (!ifMatch.Present)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status428PreconditionRequired,
                title: "If-Match required",
                detail: "Send the prompt's ETag (from GET /api/prompts/{id}) in an If-Match header, so a concurrent edit is not overwritten.");
        }

        if (ifMatch.IsMalformed)
        {
            return JsonBody.Invalid("If-Match", "If-Match must be a quoted ETag, for example \"3f2a...\", or *.");
        }

        var (body, problem) = await JsonBody.ReadAsync<PromptBody>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var result = await library.UpdateAsync(id, body!.ToDraft(), ifMatch.Tags, http.AdminName(), cancellationToken);
        switch (result.Outcome)
        {
            case PromptWriteOutcome.Updated or PromptWriteOutcome.Unchanged:
                ETags.Set(http, result.Prompt!.ETag);
                return TypedResults.Ok(new PromptSaved(PromptView.From(result.Prompt), result.Warnings));
            case PromptWriteOutcome.NotFound:
                return NotFound(id);
            case PromptWriteOutcome.PreconditionFailed:
                return Stale(id);
            default:
                return Invalid(result);
        }
    }

    internal static async Task<Results<NoContent, Ok<PromptDisabled>, ValidationProblem, ProblemHttpResult>> DeleteAsync(
        string id, HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var ifMatch = ETags.ReadIfMatch(http.Request);
        if (ifMatch.IsMalformed)
        {
            return JsonBody.Invalid("If-Match", "If-Match must be a quoted ETag, for example \"3f2a...\", or *.");
        }

        var result = await library.DeleteAsync(id, ifMatch.Tags, http.AdminName(), cancellationToken);
        switch (result.Outcome)
        {
            case PromptWriteOutcome.Deleted:
                return TypedResults.NoContent();
            case PromptWriteOutcome.Disabled:
                ETags.Set(http, result.Prompt!.ETag);
                return TypedResults.Ok(new PromptDisabled(
                    "disabled",
                    "This prompt has been sent, so it was disabled rather than erased: its deliveries and stats still refer to it.",
                    PromptView.From(result.Prompt)));
            case PromptWriteOutcome.NotFound:
                return NotFound(id);
            default:
                return Stale(id);
        }
    }

    internal static async Task<Results<Ok<PromptHistory>, ProblemHttpResult>> HistoryAsync(
        string id, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var history = await library.HistoryAsync(id, cancellationToken);
        return history is null
            ? NotFound(id)
            : TypedResults.Ok(new PromptHistory(id, [.. history.Select(c => new PromptChangeView(c.At, c.Actor, c.Action, c.Before, c.After))]));
    }

    internal static async Task<Ok<PromptLibraryExport>> ExportAsync(HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var export = await library.ExportAsync(cancellationToken);
        var date = export.ExportedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"prompts-{date}.json\"";
        return TypedResults.Ok(export);
    }

    internal static async Task<Results<Ok<PromptImported>, ValidationProblem, ProblemHttpResult>> ImportAsync(
        HttpContext http, PromptLibraryService library, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<PromptImportBody>(http.Request, MaxImportBytes, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (body!.Format is { } format && format != PromptLibraryExport.FormatName)
        {
            return JsonBody.Invalid("format", $"format must be '{PromptLibraryExport.FormatName}' (what GET /api/prompts/export returns).");
        }

        if (body.Version is { } version && version != 1)
        {
            return JsonBody.Invalid("version", "Only version 1 of the library format is understood.");
        }

        var drafts = body.Prompts?.Select(p => p?.ToDraft()).ToList();
        var result = await library.ImportAsync(drafts, http.AdminName(), cancellationToken);
        return result.Outcome switch
        {
            PromptImportOutcome.Applied => TypedResults.Ok(new PromptImported(result.Created, result.Updated, result.Unchanged, result.Warnings)),
            PromptImportOutcome.Conflict => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "The library changed during the import",
                detail: string.Join(" ", result.Errors.Values.SelectMany(m => m))),
            _ => TypedResults.ValidationProblem(result.Errors, title: "The import is not valid; nothing was imported."),
        };
    }

    private static ValidationProblem Invalid(PromptWriteResult result) =>
        TypedResults.ValidationProblem(result.Errors, title: "The prompt is not valid.");

    private static ProblemHttpResult Stale(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status412PreconditionFailed,
        title: "The prompt has changed",
        detail: $"'{id}' was changed by someone else since you read it. Read it again (GET /api/prompts/{{id}}) and reapply your edit.");

    // A problem result, not TypedResults.NotFound(problem): only this is written as application/problem+json.
    private static ProblemHttpResult NotFound(string id) => TypedResults.Problem(
        statusCode: StatusCodes.Status404NotFound,
        title: "No such prompt",
        detail: $"No prompt has the id '{id}'.");
}
