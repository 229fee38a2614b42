using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Delivery;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Delivery;

/// <summary>
/// The batch summary line (EventId 3101) says where the batch's items spent their time: the mean per item of each stage,
/// on the injected clock. The load harness reads it to tell which stage a peak waits in.
/// </summary>
[Collection(AzuriteTests.Name)]
public sealed class SendStageTimesTests(AzuriteFixture azurite)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void MeanMilliseconds_ItemsWeighted_PerStageAndZeroWhereNoneWent()
    {
        var time = new FakeTimeProvider();
        var stages = new SendStageTimes(time);

        var start = stages.Start();
        time.Advance(TimeSpan.FromMilliseconds(10));
        stages.Add(SendStage.Claim, start, items: 4); // a chunk of four claims waited 10 ms each
        start = stages.Start();
        time.Advance(TimeSpan.FromMilliseconds(30));
        stages.Add(SendStage.Claim, start);
        stages.Add(SendStage.Record, start, items: 0); // nobody: not counted

        Assert.Equal(14, stages.MeanMilliseconds(SendStage.Claim)); // (4 x 10 + 30) / 5
        Assert.Equal(0, stages.MeanMilliseconds(SendStage.Record));
        Assert.Equal(0, stages.MeanMilliseconds(SendStage.Send));
    }

    [Theory]
    [InlineData("sqlite")]
    [InlineData("tables")]
    public async Task SendAsync_EachTextTakes40Ms_BatchLineSaysSend40AndNothingElseWaited(string store)
    {
        await using var app = await CoreHarness.StartAsync(store, azurite, Ct, new Dictionary<string, string?> { ["Delivery:SendConcurrency"] = "1" });
        for (var i = 0; i < 3; i++)
        {
            await app.AddActiveAsync("+1212555" + (3000 + i).ToString(CultureInfo.InvariantCulture), Ct);
        }

        // Only the provider call moves the clock: 40 ms per text.
        app.Gateway.AfterAccept = _ =>
        {
            app.Time.Advance(TimeSpan.FromMilliseconds(40));
            return Task.CompletedTask;
        };
        app.Time.SetUtcNow(CoreHarness.FirstDue.AddMinutes(1));
        var scan = await app.Get<DueScanner>().ScanAsync(Ct);
        var result = await app.Get<BatchSender>().SendAsync(Assert.Single(scan.Batches), Ct);

        Assert.Equal(3, result.Sent);
        var line = Assert.Single(app.Logs.Lines, l => l.EventId == 3101);
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.StartsWith(
            "Batch of 3: 3 sent, 0 skipped, 0 already claimed, 0 failed; mean ms per item: prepare 0, claim 0, send slot 0, send 40, record 0",
            line.Text,
            StringComparison.Ordinal);
    }
}
