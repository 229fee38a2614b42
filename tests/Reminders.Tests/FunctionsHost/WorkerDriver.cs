using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Reminders.Functions.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>Signs up, activates and reads messages through the HTTP function methods of a <see cref="WorkerHarness"/>.</summary>
internal static class WorkerDriver
{
    public static async Task<FunctionResponse> SignUpAsync(WorkerHarness worker, string phone, string? forwardedFor = null)
    {
        return await worker.InvokeAsync<SubscriptionFunctions>((f, r) => f.SignUpAsync(r), r =>
        {
            WorkerHarness.Json(r, "POST", "/api/subscriptions", JsonSerializer.Serialize(new { phone, timeZone = "America/New_York", sendAt = "09:30" }));
            if (forwardedFor is not null)
            {
                r.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });
    }

    public static async Task ActivateAsync(WorkerHarness worker, string phone)
    {
        var response = await worker.InvokeAsync<SubscriptionFunctions>((f, r) => f.UpdateAsync(r, phone), r =>
        {
            WorkerHarness.Json(r, "PATCH", "/api/subscriptions/" + Uri.EscapeDataString(phone), """{"status":"active"}""");
            Admin(r);
        });
        Assert.Equal(StatusCodes.Status200OK, response.Status);
    }

    public static async Task<int> NudgeCountAsync(WorkerHarness worker, string phone)
    {
        var response = await worker.InvokeAsync<SubscriptionFunctions>((f, r) => f.MessagesAsync(r, phone), r =>
        {
            r.Method = "GET";
            r.Path = $"/api/subscriptions/{Uri.EscapeDataString(phone)}/messages";
            Admin(r);
        });
        Assert.Equal(StatusCodes.Status200OK, response.Status);
        using var document = JsonDocument.Parse(response.Body);
        return document.RootElement.EnumerateArray().Count(m => m.GetProperty("kind").GetString() == "nudge");
    }

    public static void Admin(HttpRequest request) => request.Headers.Authorization = "Bearer " + WorkerHarness.AdminKey;
}
