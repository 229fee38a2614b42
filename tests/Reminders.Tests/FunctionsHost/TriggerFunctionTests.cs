using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core.Delivery;
using Reminders.Functions.Functions;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// DueScan and SendBatch invoked with exactly what the Functions host binds: a <see cref="TimerInfo"/>, and the queue
/// message as the JSON text the Queue extension hands over (turned into the batch by the worker's serializer) or as the
/// typed object. One nudge per due subscriber, nothing more on repeats, and a malformed message sends nothing.
/// </summary>
public sealed class TriggerFunctionTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York (EDT); subscribers want 09:30.
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Phones = ["+12125550131", "+12125550132", "+12125550133"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(false, true)]
    [InlineData(true, true)]
    public async Task DueScanThenSendBatch_TextAndTypedMessages_OneNudgePerDueSubscriberAndRepeatsSendNothing(bool isPastDue, bool asText)
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        foreach (var phone in Phones)
        {
            await WorkerDriver.SignUpAsync(worker, phone);
            await WorkerDriver.ActivateAsync(worker, phone);
        }

        Assert.Empty(await ScanAsync(worker, isPastDue));
        worker.Time.Advance(TimeSpan.FromMinutes(91));
        var batches = await ScanAsync(worker, isPastDue);

        Assert.Equal(Phones.Order(), batches.SelectMany(b => b.Items).Select(i => i.Phone).Order());
        var serializer = worker.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        foreach (var batch in batches)
        {
            // Each batch twice, once in each form: the second delivery must find every claim taken.
            await SendAsync(worker, asText ? FromQueueText(serializer, batch) : batch);
            await SendAsync(worker, asText ? batch : FromQueueText(serializer, batch));
        }

        foreach (var phone in Phones)
        {
            Assert.Equal(1, await WorkerDriver.NudgeCountAsync(worker, phone));
        }

        Assert.Empty(await ScanAsync(worker, isPastDue));
        foreach (var batch in batches)
        {
            await SendAsync(worker, batch);
        }

        foreach (var phone in Phones)
        {
            Assert.Equal(1, await WorkerDriver.NudgeCountAsync(worker, phone));
        }
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"items":null}""")]
    [InlineData("""{"items":[{"phone":"","dueUtc":"2026-06-10T13:30:00Z"}]}""")]
    [InlineData("""{"items":[{"phone":"+12125550131"}]}""")]
    [InlineData("""{"items":[null]}""")]
    public async Task SendBatch_MalformedBatch_SendsNothingAndCompletesWithoutARetry(string text)
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        await WorkerDriver.SignUpAsync(worker, Phones[0]);
        await WorkerDriver.ActivateAsync(worker, Phones[0]);
        worker.Time.Advance(TimeSpan.FromMinutes(91));
        var serializer = worker.Services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer!;
        var batch = (NudgeBatch?)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), typeof(NudgeBatch), Ct);

        // Returning (not throwing) completes the message: a retry could not make it a batch.
        var result = await SendAsync(worker, batch);

        Assert.Null(result);
        Assert.Equal(0, await WorkerDriver.NudgeCountAsync(worker, Phones[0]));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"items":[{"phone":"+12125550131","dueUtc":"2026-06-10T13:30:00Z"}""")]
    [InlineData("""{"items":"none"}""")]
    public async Task StandaloneQueue_MessageThatIsNotABatch_IsPoisonAtTheFirstDelivery(string text)
    {
        await using var app = new Functions.RemindersAppFactory(Start);
        var worker = app.Services.GetRequiredService<SendBatchWorker>();

        Assert.True(await worker.DeliverAsync(new QueuedMessage(text, 1), Ct));
    }

    [Fact]
    public void SendBatch_TheWorkerSerializer_ReadsWhatDueScanEmits()
    {
        var due = new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero);
        var batch = new NudgeBatch(
        [
            new NudgeItem(Phones[0], due),
            // A row the scan moved from its plan (Table Storage): the plan, the next instant and the new row's ETag travel along.
            new NudgeItem(Phones[0], due)
            {
                Plan = new Core.Storage.SchedulePlan("America/New_York", new TimeOnly(9, 30), Held: false),
                NextDueUtc = due.AddDays(1),
                NextRowTag = "W/\"datetime'2026-06-10T13%3A31%3A00.0000000Z'\"",
            },
        ]);

        Assert.True(BatchMessages.TryDecode(BatchMessages.Encode(batch), out var decoded));
        Assert.Equal(batch.Items, decoded.Items);
    }

    private static async Task<NudgeBatch[]> ScanAsync(WorkerHarness worker, bool isPastDue)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        return await WorkerHarness.Create<DueScan>(scope.ServiceProvider).RunAsync(new TimerInfo { IsPastDue = isPastDue }, Ct);
    }

    private static async Task<BatchResult?> SendAsync(WorkerHarness worker, NudgeBatch? batch)
    {
        await using var scope = worker.Services.CreateAsyncScope();
        return await WorkerHarness.Create<SendBatch>(scope.ServiceProvider).RunAsync(batch, Ct);
    }

    /// <summary>The message text the queue output holds, read back as the worker turns a queue trigger's text into the parameter.</summary>
    private static NudgeBatch FromQueueText(ObjectSerializer serializer, NudgeBatch batch)
    {
        var text = serializer.Serialize(batch)!.ToString();
        return (NudgeBatch)serializer.Deserialize(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text)), typeof(NudgeBatch), Ct)!;
    }
}
