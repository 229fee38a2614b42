using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Functions.Functions;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The standalone queue redelivers a batch whose SendBatch invocation failed, as the Storage Queue does, and gives it
/// up as poison once it has been handed out <c>maxDequeueCount</c> times (5 in host.json).
/// </summary>
public sealed class StandaloneQueueRetryTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task DeliverAsync_StoreKeepsFailing_RetriedUntilMaxDequeueCountThenPoison()
    {
        var failing = new FailingSubscriberReads();
        await using var app = new Functions.RemindersAppFactory(
            Start,
            builder => builder.ConfigureTestServices(failing.Decorate));
        var worker = app.Services.GetRequiredService<SendBatchWorker>();
        var maxDequeueCount = app.Services.GetRequiredService<HostJson>().MaxDequeueCount;
        var text = BatchMessages.Encode(new NudgeBatch([new NudgeItem("+12125550131", Start)]));
        failing.Enabled = true;

        var finished = new List<bool>();
        for (var delivery = 1; delivery <= maxDequeueCount; delivery++)
        {
            finished.Add(await worker.DeliverAsync(new QueuedMessage(text, delivery), Ct));
        }

        Assert.Equal(5, maxDequeueCount);
        Assert.Equal([false, false, false, false, true], finished);
        Assert.Equal(maxDequeueCount, failing.Reads);
    }

    [Fact]
    public async Task DeliverAsync_StoreRecoversOnTheSecondDelivery_Finishes()
    {
        var failing = new FailingSubscriberReads();
        await using var app = new Functions.RemindersAppFactory(
            Start,
            builder => builder.ConfigureTestServices(failing.Decorate));
        var worker = app.Services.GetRequiredService<SendBatchWorker>();
        var text = BatchMessages.Encode(new NudgeBatch([new NudgeItem("+12125550131", Start)]));
        failing.Enabled = true;

        Assert.False(await worker.DeliverAsync(new QueuedMessage(text, 1), Ct));
        failing.Enabled = false;
        Assert.True(await worker.DeliverAsync(new QueuedMessage(text, 2), Ct));
    }

    [Fact]
    public async Task NudgeQueue_RedeliveredMessage_IsHandedOutAgainWithItsDeliveryCounted()
    {
        var queue = new NudgeQueue();
        await queue.EnqueueAsync("batch", Ct);
        var seen = new List<int>();

        await foreach (var message in queue.ReadAllAsync(Ct))
        {
            seen.Add(message.DequeueCount);
            if (message.DequeueCount < 3)
            {
                await queue.RedeliverAsync(message, Ct);
                continue;
            }

            queue.Completed();
            queue.Close();
        }

        Assert.Equal([1, 2, 3], seen);
        Assert.Equal(0, queue.Pending);
    }

    private sealed class FailingSubscriberReads
    {
        private int _reads;

        public bool Enabled { get; set; }

        public int Reads => Volatile.Read(ref _reads);

        /// <summary>Puts this wrapper around the registered subscriber store.</summary>
        public void Decorate(IServiceCollection services)
        {
            var registered = services.Single(d => d.ServiceType == typeof(ISubscriberStore));
            services.Remove(registered);
            services.AddSingleton<ISubscriberStore>(sp => new Store((ISubscriberStore)registered.ImplementationFactory!(sp), this));
        }

        private sealed class Store(ISubscriberStore inner, FailingSubscriberReads owner) : ISubscriberStore
        {
            public Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken)
            {
                if (!owner.Enabled)
                {
                    return inner.GetAsync(phone, cancellationToken);
                }

                Interlocked.Increment(ref owner._reads);
                throw new IOException("storage is unreachable");
            }

            public Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken) => inner.TryInsertAsync(subscriber, cancellationToken);

            public Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken) =>
                inner.TryReplaceAsync(subscriber, ifMatch, cancellationToken);

            public Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken) => inner.DeleteAsync(phone, cancellationToken);

            public Task<Page<Subscriber>> ListAsync(SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
                inner.ListAsync(status, pageSize, continuationToken, cancellationToken);
        }
    }
}
