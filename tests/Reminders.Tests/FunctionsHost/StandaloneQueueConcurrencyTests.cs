using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Reminders.Functions.Standalone;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The standalone runner reads host.json's queue sizing like the host (<c>batchSize</c>, <c>newBatchThreshold</c>) and
/// processes at most <c>batchSize + newBatchThreshold</c> messages of a queue at once: with the repository's host.json,
/// three nudge batches, as docs/architecture.md sizes them.
/// </summary>
public sealed class StandaloneQueueConcurrencyTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("reminders-hostjson-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_RepositoryHostJson_ThreeMessagesAtOnce()
    {
        var hostJson = HostJson.Load(HostJson.DefaultPath);

        Assert.Equal((2, 1, 3), (hostJson.BatchSize, hostJson.NewBatchThreshold, hostJson.MaxConcurrentMessages));
    }

    [Fact]
    public void Load_NoQueueSizing_TheHostsDefaultsSixteenAndHalfOfIt()
    {
        var hostJson = HostJson.Load(Write("""{ "version": "2.0", "extensions": { "queues": { "maxDequeueCount": 3 } } }"""));

        Assert.Equal((3, 16, 8, 24), (hostJson.MaxDequeueCount, hostJson.BatchSize, hostJson.NewBatchThreshold, hostJson.MaxConcurrentMessages));
    }

    [Theory]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 0 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 33 } } }""", "batchSize")]
    [InlineData("""{ "extensions": { "queues": { "batchSize": 4, "newBatchThreshold": -1 } } }""", "newBatchThreshold")]
    public void Load_QueueSizingOutOfRange_RefusedNamingTheSetting(string json, string setting)
    {
        var error = Assert.Throws<InvalidOperationException>(() => HostJson.Load(Write(json)));

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Worker_TenMessagesThatWait_ThreeInFlightAtOnceNeverMoreAndEveryOneFinished()
    {
        var queue = new NudgeQueue();
        var worker = new BlockingWorker(queue, new HostJson("api", 5, BatchSize: 2, NewBatchThreshold: 1));
        for (var i = 0; i < 10; i++)
        {
            await queue.EnqueueAsync($"message {i}", Ct);
        }

        await worker.StartAsync(Ct);
        try
        {
            // Three messages start and hold; the others wait for a slot.
            await worker.ThreeInFlight.Task.WaitAsync(Ct);
            Assert.Equal(3, worker.Started);
            worker.Gate.SetResult();
            await queue.WaitForIdleAsync(Ct);
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }

        Assert.Equal(10, worker.Started);
        Assert.Equal(3, worker.PeakInFlight);
    }

    private string Write(string json)
    {
        var path = Path.Combine(_directory, "host.json");
        File.WriteAllText(path, json);
        return path;
    }

    /// <summary>A queue worker whose function waits on <see cref="Gate"/> and counts how many run at once.</summary>
    private sealed class BlockingWorker(InProcessQueue queue, HostJson hostJson)
        : InProcessQueueWorker(queue, new ServiceCollection().BuildServiceProvider().GetRequiredService<IServiceScopeFactory>(), hostJson, NullLogger.Instance)
    {
        private int _inFlight;
        private int _peak;
        private int _started;

        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource ThreeInFlight { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Started => Volatile.Read(ref _started);

        public int PeakInFlight => Volatile.Read(ref _peak);

        protected override string FunctionName => "Blocking";

        protected override async Task<bool> InvokeAsync(string text, IServiceProvider services, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _started);
            var now = Interlocked.Increment(ref _inFlight);
            InterlockedMax(ref _peak, now);
            if (now == 3)
            {
                ThreeInFlight.TrySetResult();
            }

            await Gate.Task.WaitAsync(cancellationToken);
            Interlocked.Decrement(ref _inFlight);
            return true;
        }

        private static void InterlockedMax(ref int target, int value)
        {
            var seen = Volatile.Read(ref target);
            while (value > seen && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
                seen = Volatile.Read(ref target);
            }
        }
    }
}
