using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Reminders.Tests.Functions.Prompts;

/// <summary>Small helpers for calling the prompt API as an admin and reading its answers.</summary>
internal static class PromptApi
{
    /// <summary>A built-in prompt every fresh app has (seeded at start-up).</summary>
    public const string SeededId = "touch-long-hug";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static object ValidBody(string? id = null, string text = "Tell someone one thing they did this week that you admired.") =>
        new { id, text, category = "words", audience = "anyone", why = "Specific praise is easier to believe than general praise." };

    public static async Task<(PromptRow Prompt, string ETag)> GetAsync(HttpClient client, string id)
    {
        using var response = await client.GetAsync($"/api/prompts/{id}", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var etag = response.Headers.ETag ?? throw new InvalidOperationException("No ETag header.");
        var prompt = await response.Content.ReadFromJsonAsync<PromptRow>(Ct) ?? throw new InvalidOperationException("No body.");
        return (prompt, etag.Tag);
    }

    /// <summary>Every stored prompt, ordered by id (the export), to compare before and after a request.</summary>
    public static async Task<IReadOnlyList<PromptSnapshotRow>> ExportAsync(HttpClient client)
    {
        var export = await client.GetFromJsonAsync<ExportRow>("/api/prompts/export", Ct) ?? throw new InvalidOperationException("No export.");
        return export.Prompts;
    }

    public static Task<HttpResponseMessage> PutAsync(HttpClient client, string id, object body, string? ifMatch) =>
        SendAsync(client, HttpMethod.Put, $"/api/prompts/{id}", JsonContent.Create(body), ifMatch);

    public static Task<HttpResponseMessage> PutJsonAsync(HttpClient client, string id, string json, string? ifMatch) =>
        SendAsync(client, HttpMethod.Put, $"/api/prompts/{id}", new StringContent(json, Encoding.UTF8, "application/json"), ifMatch);

    public static Task<HttpResponseMessage> DeleteAsync(HttpClient client, string id, string? ifMatch) =>
        SendAsync(client, HttpMethod.Delete, $"/api/prompts/{id}", null, ifMatch);

    public static async Task<ValidationProblemDetails> AssertValidationProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.NotNull(problem);
        Assert.Contains(field, problem.Errors.Keys);
        return problem;
    }

    public static async Task<ProblemDetails> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ProblemDetails>(Ct);
        Assert.NotNull(problem);
        Assert.Equal((int)status, problem.Status);
        return problem;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent? content, string? ifMatch)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request, Ct);
    }
}

internal sealed record SmsRow(string Encoding, int Segments, int Units, int Length);

internal sealed record PromptRow(string Id, string Text, string Category, string Audience, string Why, string Source, bool Enabled, string Etag, SmsRow Sms);

internal sealed record PromptPageRow(IReadOnlyList<PromptRow> Items, string? ContinuationToken);

internal sealed record PromptSavedRow(PromptRow Prompt, Dictionary<string, string[]> Warnings);

internal sealed record PromptSnapshotRow(string Id, string Text, string Category, string Audience, string Why, string Source, bool Enabled);

internal sealed record PromptChangeRow(DateTimeOffset At, string Actor, string Action, PromptSnapshotRow? Before, PromptSnapshotRow? After);

internal sealed record PromptHistoryRow(string Id, IReadOnlyList<PromptChangeRow> Changes);

internal sealed record ImportedRow(int Created, int Updated, int Unchanged, Dictionary<string, string[]> Warnings);

internal sealed record ExportRow(string Format, int Version, DateTimeOffset ExportedAt, IReadOnlyList<PromptSnapshotRow> Prompts);

