using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reminders.Core.Delivery;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Functions.Functions;
using Reminders.Functions.Standalone;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// Finding 5 of the probe, under the Functions host: a new number's signup answered slower than an existing one's
/// because the confirmation was sent inside the request. Now SignUp only hands a message to its <c>confirmations</c> queue
/// output, the same for every number, and the SendConfirmation queue trigger sends the text later. The functions are
/// invoked with what the host binds; the gateway never answers, so a text sent inside the request would hold the answer.
/// </summary>
public sealed class SignupOffPathTests
{
    // 15:00 UTC is 11:00 in New York: inside the sending window, so the confirmation goes out at once (not held).
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 6, 10);

    private const string NewNumber = "+12125550141";
    private const string ExistingNumber = "+12125550142";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("active", ConfirmationOutcome.NotPending)]
    [InlineData("stopped", ConfirmationOutcome.NotPending)]
    [InlineData("pending", ConfirmationOutcome.AlreadyClaimed)]
    public async Task SignUp_GatewayNeverAnswers_NewNumberAnswered202LikeAnExistingOne_TextSentOnlyByTheQueueTrigger(
        string existingState, ConfirmationOutcome existingOutcome)
    {
        var gateway = new NeverAnsweringGateway();
        await using var worker = await WorkerHarness.StartAsync(Start, services =>
        {
            services.RemoveAll<ISmsGateway>();
            services.AddSingleton<ISmsGateway>(gateway);
        });
        await AddExistingAsync(worker, existingState);

        var existing = await WorkerDriver.SignUpOnlyAsync(worker, ExistingNumber);
        var signup = WorkerDriver.SignUpOnlyAsync(worker, NewNumber);

        // The answer comes although the gateway never answers: no text was attempted inside the request.
        Assert.Same(signup, await Task.WhenAny(signup, gateway.Called));
        var (response, output) = await signup;
        Assert.Equal(202, response.Status);
        Assert.Equal(
            (existing.Response.Status, existing.Response.Headers.ContentType.ToString(), existing.Response.Body),
            (response.Status, response.Headers.ContentType.ToString(), response.Body));
        Assert.Empty(gateway.Calls);

        // The same work for both: one message each on the confirmations queue output.
        Assert.Equal(new ConfirmationMessage(NewNumber, Today), output.Confirmation);
        Assert.Equal(new ConfirmationMessage(ExistingNumber, Today), existing.Output.Confirmation);

        // Later, the queue trigger: nothing for the existing number, exactly one text for the new one.
        Assert.Equal(existingOutcome, await WorkerDriver.SendConfirmationAsync(worker, FromQueueText(worker, existing.Output.Confirmation!)));
        Assert.Empty(gateway.Calls);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var send = WorkerDriver.SendConfirmationAsync(worker, FromQueueText(worker, output.Confirmation!), stop.Token);
        await gateway.Called;
        var call = Assert.Single(gateway.Calls);
        Assert.Equal((NewNumber, OutboundMessageKinds.Confirmation), (call.Sms.To.Value, call.Sms.Kind));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => send);
        Assert.Single(gateway.Calls);
    }

    [Fact]
    public async Task SendConfirmation_RedeliveredMessage_TextsOnce()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        var (response, output) = await WorkerDriver.SignUpOnlyAsync(worker, NewNumber);
        Assert.Equal(202, response.Status);

        var first = await WorkerDriver.SendConfirmationAsync(worker, output.Confirmation);
        var again = await WorkerDriver.SendConfirmationAsync(worker, FromQueueText(worker, output.Confirmation!));

        Assert.Equal((ConfirmationOutcome.Sent, ConfirmationOutcome.AlreadyClaimed), (first, again));
        var log = await worker.Services.GetRequiredService<IMessageLog>().ListAsync(PhoneNumber.FromE164(NewNumber), 50, Ct);
        Assert.Single(log, m => m.Kind == OutboundMessageKinds.Confirmation);
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"phone":"","date":"2026-06-10"}""")]
    [InlineData("""{"phone":"+12125550141"}""")]
    [InlineData("""{"phone":"12125550141","date":"2026-06-10"}""")]
    [InlineData("null")]
    public async Task SendConfirmation_MalformedMessage_SendsNothingAndCompletesWithoutARetry(string text)
    {
        var gateway = new NeverAnsweringGateway();
        await using var worker = await WorkerHarness.StartAsync(Start, services =>
        {
            services.RemoveAll<ISmsGateway>();
            services.AddSingleton<ISmsGateway>(gateway);
        });
        var serializer = worker.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var message = (ConfirmationMessage?)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), typeof(ConfirmationMessage), Ct);

        Assert.Equal(ConfirmationOutcome.Malformed, await WorkerDriver.SendConfirmationAsync(worker, message));
        Assert.Empty(gateway.Calls);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"phone":"+12125550141","date":"June"}""")]
    public async Task StandaloneQueue_MessageThatIsNotAConfirmation_IsPoisonAtTheFirstDelivery(string text)
    {
        await using var app = new Functions.RemindersAppFactory(Start);
        var worker = app.Services.GetRequiredService<SendConfirmationWorker>();

        Assert.True(await worker.DeliverAsync(new QueuedMessage(text, 1), Ct));
    }

    [Fact]
    public void ConfirmationMessage_TheWorkerSerializer_ReadsWhatSignUpEmits()
    {
        var message = new ConfirmationMessage(NewNumber, Today);

        using var json = System.Text.Json.JsonDocument.Parse(ConfirmationMessages.Encode(message));
        Assert.Equal(
            ["phone:+12125550141", "date:2026-06-10"],
            json.RootElement.EnumerateObject().Select(p => p.Name + ":" + p.Value.GetString()));
        Assert.True(ConfirmationMessages.TryDecode(ConfirmationMessages.Encode(message), out var decoded));
        Assert.Equal(message, decoded);
    }

    private static async Task AddExistingAsync(WorkerHarness worker, string state)
    {
        var phone = PhoneNumber.FromE164(ExistingNumber);
        var subscriber = state switch
        {
            "active" => CoreHarness.Active(ExistingNumber),
            "stopped" => CoreHarness.Active(ExistingNumber) with { Status = SubscriberStatus.Stopped, NextDueUtc = null },
            _ => CoreHarness.Active(ExistingNumber) with { Status = SubscriberStatus.Pending, NextDueUtc = null, ConfirmationSentOn = Today },
        };
        Assert.NotNull(await worker.Services.GetRequiredService<SubscriberUpdater>().InsertAsync(subscriber, Ct));
        if (state == "pending")
        {
            // Its confirmation went out earlier today.
            var key = ConfirmationSender.DeliveryKey(Today);
            Assert.True(await worker.Services.GetRequiredService<IDeliveryStore>().TryClaimAsync(
                new DeliveryRecord(phone, key, Today, null, DeliveryStatus.Accepted, Start.AddHours(-1), Start.AddHours(-1)), Ct));
        }
    }

    /// <summary>The queue output as the host writes it and the trigger reads it back: JSON through the worker's serializer.</summary>
    private static ConfirmationMessage FromQueueText(WorkerHarness worker, ConfirmationMessage message)
    {
        ObjectSerializer serializer = worker.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var text = serializer.Serialize(message)!.ToString();
        return (ConfirmationMessage)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), typeof(ConfirmationMessage), Ct)!;
    }
}
