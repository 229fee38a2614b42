using System.Globalization;
using Reminders.Core.Delivery;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Delivery;

/// <summary>
/// A batch sends to its subscribers concurrently, never more at once than <c>Delivery:SendConcurrency</c>, and still
/// exactly one text each. Proved by a gateway that holds every text until the first wave is all in flight: sent one
/// after another, the first text would wait for the others forever (the wait gives up after a minute and fails).
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class BatchSendConcurrencyTests(AzuriteFixture azurite)
{
    private const int Concurrency = 4;
    private const int Subscribers = 10;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task SendAsync_TenSubscribersConcurrencyFour_FourTextsInFlightAtOnceNeverMoreAndOneEach(string store)
    {
        await using var app = await CoreHarness.StartAsync(
            store, azurite, Ct, new Dictionary<string, string?> { ["Delivery:SendConcurrency"] = Concurrency.ToString(CultureInfo.InvariantCulture) });
        var phones = Enumerable.Range(0, Subscribers).Select(i => "+1212555" + (2000 + i).ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var phone in phones)
        {
            await app.AddActiveAsync(phone, Ct);
        }

        var inFlight = 0;
        var peak = 0;
        var firstWaveInFlight = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        app.Gateway.AfterAccept = async _ =>
        {
            var now = Interlocked.Increment(ref inFlight);
            InterlockedMax(ref peak, now);
            if (now == Concurrency)
            {
                firstWaveInFlight.TrySetResult();
            }

            try
            {
                await firstWaveInFlight.Task.WaitAsync(TimeSpan.FromMinutes(1), TimeProvider.System, Ct);
            }
            finally
            {
                Interlocked.Decrement(ref inFlight);
            }
        };

        app.Time.SetUtcNow(CoreHarness.FirstDue.AddMinutes(1));
        var scan = await app.Get<DueScanner>().ScanAsync(Ct);
        var batch = Assert.Single(scan.Batches);
        var result = await app.Get<BatchSender>().SendAsync(batch, Ct);

        Assert.True(firstWaveInFlight.Task.IsCompletedSuccessfully);
        Assert.Equal(Concurrency, peak);
        Assert.Equal(Subscribers, result.Sent);
        Assert.All(phones, phone => Assert.Equal(1, app.Gateway.CountTo(phone)));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        var current = Volatile.Read(ref target);
        while (value > current)
        {
            var seen = Interlocked.CompareExchange(ref target, value, current);
            if (seen == current)
            {
                return;
            }

            current = seen;
        }
    }
}
