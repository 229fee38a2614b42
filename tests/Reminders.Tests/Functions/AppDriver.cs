using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Delivery;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.Functions;

/// <summary>Drives a <see cref="RemindersAppFactory"/> the way a user, an admin and the timer would.</summary>
internal sealed class AppDriver(RemindersAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public HttpClient Public { get; } = app.CreateClient();

    public HttpClient Admin { get; } = app.CreateAdminClient();

    public async Task SignUpAsync(string phone, string timeZone, string sendAt, string[]? categories = null)
    {
        using var response = await Public.PostAsJsonAsync("/api/subscriptions", new { phone, timeZone, sendAt, categories }, Ct);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        // The confirmation leaves through the in-process queue; wait for its worker, as the timer waits for SendBatch.
        await app.Services.GetRequiredService<ConfirmationQueue>().WaitForIdleAsync(Ct);
    }

    public async Task ActivateAsync(string phone)
    {
        using var response = await Admin.PatchAsJsonAsync($"/api/subscriptions/{Uri.EscapeDataString(phone)}", new { status = "active" }, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    /// <summary>Fires the timer once (as the built-in scheduler would) and waits until the queue has drained.</summary>
    public async Task<int> ScanAsync()
    {
        var due = await app.Services.GetRequiredService<StandaloneJobs>().RunDueScanAsync(Ct);
        await app.Services.GetRequiredService<NudgeQueue>().WaitForIdleAsync(Ct);
        return due;
    }

    /// <summary>Runs SendBatch directly, as a redelivered queue message would.</summary>
    public Task<BatchResult> SendBatchAsync(NudgeBatch batch) =>
        app.Services.GetRequiredService<BatchSender>().SendAsync(batch, Ct);

    public async Task<IReadOnlyList<MessageRow>> MessagesAsync(string phone)
    {
        var rows = await Admin.GetFromJsonAsync<List<MessageRow>>($"/api/subscriptions/{Uri.EscapeDataString(phone)}/messages", Ct);
        return rows ?? [];
    }

    public async Task<IReadOnlyList<MessageRow>> NudgesAsync(string phone) =>
        [.. (await MessagesAsync(phone)).Where(m => m.Kind == "nudge")];

    public async Task<SubscriberRow> GetAsync(string phone) =>
        await Admin.GetFromJsonAsync<SubscriberRow>($"/api/subscriptions/{Uri.EscapeDataString(phone)}", Ct)
        ?? throw new InvalidOperationException("No subscriber body.");
}

internal sealed record MessageRow(DateTimeOffset At, string Kind, string Body, string Gateway, string Outcome, string? MessageId);

internal sealed record SubscriberRow(
    string Phone,
    string Status,
    string TimeZone,
    string SendAt,
    IReadOnlyList<string> Categories,
    string? Name,
    string? PausedUntil,
    DateTimeOffset? NextDueUtc,
    string? LastSentLocalDate,
    IReadOnlyList<string> RecentPromptIds);
