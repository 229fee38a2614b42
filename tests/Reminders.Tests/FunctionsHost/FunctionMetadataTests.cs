using Microsoft.Extensions.Configuration;
using Reminders.Core.Sms.Twilio;
using Reminders.Functions.Functions;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.FunctionsHost;

/// <summary>The generated <c>functions.metadata</c>, checked binding by binding: what the Functions host will run.</summary>
public sealed class FunctionMetadataTests
{
    /// <summary>Every HTTP function of today's API: route (no prefix: host.json's routePrefix is empty) and methods.</summary>
    public static TheoryData<string, string, string[]> HttpFunctions => new()
    {
        { "Health", "api/health", ["get"] },
        { "SignUp", "api/subscriptions", ["post"] },
        { "ListSubscriptions", "api/subscriptions", ["get"] },
        { "GetSubscription", "api/subscriptions/{phone}", ["get"] },
        { "UpdateSubscription", "api/subscriptions/{phone}", ["patch"] },
        { "EraseSubscription", "api/subscriptions/{phone}", ["delete"] },
        { "ListSubscriptionMessages", "api/subscriptions/{phone}/messages", ["get"] },
        { "ExportSubscription", "api/subscriptions/{phone}/export", ["get"] },
        { "ListScanQuarantine", "api/quarantine", ["get"] },
        { "ReleaseScanQuarantine", "api/quarantine/{phone}/release", ["post"] },
        { "ListPrompts", "api/prompts", ["get"] },
        { "CreatePrompt", "api/prompts", ["post"] },
        { "ExportPrompts", "api/prompts/export", ["get"] },
        { "ImportPrompts", "api/prompts/import", ["post"] },
        { "GetPrompt", "api/prompts/{id}", ["get"] },
        { "UpdatePrompt", "api/prompts/{id}", ["put"] },
        { "DeletePrompt", "api/prompts/{id}", ["delete"] },
        { "GetPromptHistory", "api/prompts/{id}/history", ["get"] },
        { "GetStats", "api/stats", ["get"] },
        { "SmsInbound", "api/sms/inbound", ["post"] },
        { "SmsStatus", "api/sms/status", ["post"] },
        { "AdminPage", "manage/{*file}", ["get", "head"] },
    };

    [Fact]
    public void DueScan_TimerOnTheScheduleSetting_AndOneQueueOutputToNudgeBatches()
    {
        var function = FunctionsMetadata.Get("DueScan");

        Assert.Equal(2, function.Bindings.Count);
        var timer = Assert.Single(function.Bindings, b => b.Type == "timerTrigger");
        Assert.Equal("In", timer.Direction, ignoreCase: true);
        Assert.Equal("%DueScanSchedule%", timer.Text("schedule"));
        Assert.False(timer.Json.TryGetProperty("runOnStartup", out var runOnStartup) && runOnStartup.GetBoolean());
        var output = Assert.Single(function.Bindings, b => b.Type == "queue");
        Assert.Equal("Out", output.Direction, ignoreCase: true);
        Assert.Equal("nudge-batches", output.Text("queueName"));
        Assert.Equal("$return", output.Name);
    }

    [Fact]
    public void RetentionSweep_OneTimerOnItsScheduleSetting_AndNoOutput()
    {
        var function = FunctionsMetadata.Get("RetentionSweep");

        var timer = Assert.Single(function.Bindings);
        Assert.Equal(("timerTrigger", "in"), (timer.Type, timer.Direction.ToLowerInvariant()));
        Assert.Equal("%RetentionSweepSchedule%", timer.Text("schedule"));
        // Unset, the built-in timer falls back to the documented default: daily at 03:30 UTC.
        var schedule = FunctionSchedule.LoadRetentionSweep(new ConfigurationBuilder().Build());
        Assert.Equal(new DateTime(2026, 1, 1, 3, 30, 0, DateTimeKind.Utc), schedule.GetNextOccurrence(new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc)));
    }

    [Fact]
    public void SendBatch_OneQueueTriggerOnNudgeBatches_AndNoOutput()
    {
        var function = FunctionsMetadata.Get("SendBatch");

        var trigger = Assert.Single(function.Bindings);
        Assert.Equal(("queueTrigger", "in", "nudge-batches"), (trigger.Type, trigger.Direction.ToLowerInvariant(), trigger.Text("queueName")));
    }

    [Fact]
    public void SendConfirmation_OneQueueTriggerOnConfirmations_AndNoOutput()
    {
        var function = FunctionsMetadata.Get("SendConfirmation");

        var trigger = Assert.Single(function.Bindings);
        Assert.Equal(("queueTrigger", "in", "confirmations"), (trigger.Type, trigger.Direction.ToLowerInvariant(), trigger.Text("queueName")));
        Assert.Equal(ConfirmationMessages.QueueName, trigger.Text("queueName"));
    }

    /// <summary>
    /// SignUp has two outputs: its HTTP answer (the <c>[HttpResult]</c> property) and a queue output to
    /// <c>confirmations</c>, which the host writes after the function returns; the signup never sends a text itself.
    /// </summary>
    [Fact]
    public void SignUp_HttpResultAndAQueueOutputToConfirmations()
    {
        var function = FunctionsMetadata.Get("SignUp");

        Assert.Equal(3, function.Bindings.Count);
        Assert.Equal("api/subscriptions", function.HttpTrigger!.Text("route"));
        var http = Assert.Single(function.Bindings, b => b.Type == "http");
        Assert.Equal((nameof(SignUpOutput.Result), "out"), (http.Name, http.Direction.ToLowerInvariant()));
        var queue = Assert.Single(function.Bindings, b => b.Type == "queue");
        Assert.Equal((nameof(SignUpOutput.Confirmation), "out", "confirmations"), (queue.Name, queue.Direction.ToLowerInvariant(), queue.Text("queueName")));
    }

    [Theory]
    [MemberData(nameof(HttpFunctions))]
    public void HttpFunction_RouteMethodsAndAnonymousAuth_AsTheApiHasThem(string name, string route, string[] methods)
    {
        var function = FunctionsMetadata.Get(name);

        Assert.Equal(name == "SignUp" ? 3 : 2, function.Bindings.Count);
        var trigger = function.HttpTrigger!;
        Assert.Equal("in", trigger.Direction.ToLowerInvariant());
        Assert.Equal(route, trigger.Text("route"));
        Assert.Equal(methods, trigger.Methods);
        // Authorization is ours (admin keys, Twilio signatures): the host must not demand function keys.
        Assert.Equal("anonymous", trigger.Text("authLevel")!.ToLowerInvariant());
        var output = Assert.Single(function.Bindings, b => b.Type == "http");
        Assert.Equal((name == "SignUp" ? nameof(SignUpOutput.Result) : "$return", "out"), (output.Name, output.Direction.ToLowerInvariant()));
    }

    [Fact]
    public void Metadata_HoldsExactlyTheTimerTheQueuesAndTheHttpFunctions()
    {
        var expected = HttpFunctions.Select(row => row.Data.Item1).Append("DueScan").Append("SendBatch").Append("SendConfirmation").Append("RetentionSweep").Order(StringComparer.Ordinal);

        Assert.Equal(expected, FunctionsMetadata.Functions.Select(f => f.Name).Order(StringComparer.Ordinal));
        Assert.All(FunctionsMetadata.Functions, f => Assert.StartsWith("Reminders.Functions.Functions.", f.EntryPoint, StringComparison.Ordinal));
    }

    [Fact]
    public void HttpRoutes_AvoidTheHostsReservedAdminPrefix_AndTwilioWebhooksMatchCoresPaths()
    {
        Assert.All(FunctionsMetadata.Functions.Select(f => f.HttpTrigger?.Text("route")).OfType<string>(), route =>
            Assert.False(route.StartsWith("admin", StringComparison.OrdinalIgnoreCase), route));
        Assert.Equal(TwilioWebhooks.InboundPath, "/" + FunctionsMetadata.Get("SmsInbound").HttpTrigger!.Text("route"));
        Assert.Equal(TwilioWebhooks.StatusPath, "/" + FunctionsMetadata.Get("SmsStatus").HttpTrigger!.Text("route"));
    }

    [Fact]
    public void StandaloneRunner_ServesExactlyTheHttpFunctionsTheHostReads()
    {
        var host = FunctionsMetadata.Functions.Where(f => f.HttpTrigger is not null)
            .Select(f => (f.Name, Route: f.HttpTrigger!.Text("route"), Methods: string.Join(',', f.HttpTrigger.Methods.Select(m => m.ToUpperInvariant()))))
            .OrderBy(f => f.Name, StringComparer.Ordinal);

        var standalone = HttpFunctionRoutes.Discover().Select(f => (f.Name, Route: (string?)f.Route, Methods: string.Join(',', f.Methods)));

        Assert.Equal(host, standalone);
    }

    [Fact]
    public void BuildOutput_HasTheWorkerFilesTheHostReads()
    {
        var folder = System.IO.Path.GetDirectoryName(FunctionsMetadata.Path)!;

        Assert.True(File.Exists(System.IO.Path.Combine(folder, "worker.config.json")));
        Assert.True(File.Exists(System.IO.Path.Combine(folder, "extensions.json")));
        var hostJson = HostJson.Load(System.IO.Path.Combine(folder, "host.json"));
        Assert.Equal(string.Empty, hostJson.RoutePrefix);
        Assert.Equal(5, hostJson.MaxDequeueCount);
    }
}
