using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Subscribers;
using Reminders.Functions.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>Signs up, activates and reads messages through the HTTP function methods of a <see cref="WorkerHarness"/>.</summary>
internal static class WorkerDriver
{
    /// <summary>SignUp, then SendConfirmation on its queue output, as the host would run them one after the other.</summary>
    public static async Task<FunctionResponse> SignUpAsync(WorkerHarness worker, string phone, string? forwardedFor = null)
    {
        var (response, output) = await SignUpOnlyAsync(worker, phone, forwardedFor);
        if (output.Confirmation is { } message)
        {
            await SendConfirmationAsync(worker, message);
        }

        return response;
    }

    /// <summary>SignUp alone: its answer, and the output whose confirmation the host would put on the queue.</summary>
    public static Task<(FunctionResponse Response, SignUpOutput Output)> SignUpOnlyAsync(WorkerHarness worker, string phone, string? forwardedFor = null) =>
        worker.InvokeAsync<SubscriptionFunctions, SignUpOutput>((f, r) => f.SignUpAsync(r), o => o.Result, r =>
        {
            WorkerHarness.Json(r, "POST", "/api/subscriptions", JsonSerializer.Serialize(new { phone, timeZone = "America/New_York", sendAt = "09:30" }));
            if (forwardedFor is not null)
            {
                r.Headers["X-Forwarded-For"] = forwardedFor;
            }
        });

    /// <summary>The SendConfirmation queue trigger with the message as the worker binds it.</summary>
    public static async Task<ConfirmationOutcome> SendConfirmationAsync(WorkerHarness worker, ConfirmationMessage? message, CancellationToken? cancellationToken = null)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        return await WorkerHarness.Create<SendConfirmation>(scope.ServiceProvider).RunAsync(message, cancellationToken ?? TestContext.Current.CancellationToken);
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
