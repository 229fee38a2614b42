using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Reminders.Core.Delivery;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Keys Table Storage cannot hold are refused with <see cref="ArgumentException"/> before any request is sent.</summary>
public sealed class TableKeyValidationTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15550100001");
    private static readonly DateTimeOffset At = new(2026, 3, 1, 14, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> BadKeys => new()
    {
        "a/b", "a\\b", "a#b", "a?b", "tab\there", "new\nline", "nul\0", "del\u007f", "c1\u0085", new string('k', 513),
    };

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(BadKeys))]
    public async Task Stores_BadKey_ThrowWithoutSendingAnything(string key)
    {
        var transport = new RecordingTransport();
        var options = new TableClientOptions { Transport = transport };
        options.Retry.MaxRetries = 0;
        var tables = new TableStoreTables(new TableServiceClient("UseDevelopmentStorage=true", options), "t");
        var prompts = new TablePromptStore(tables);
        var deliveries = new TableDeliveryStore(tables);
        var schedule = new TableScheduleIndex(tables);
        var stats = new TableStatsStore(tables);

        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.GetAsync(key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.TryInsertAsync(new Prompt(key, "t", "touch", "anyone", "w", "admin"), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.TryReplaceAsync(new Prompt(key, "t", "touch", "anyone", "w", "admin"), "W/\"1\"", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.TryDeleteAsync(key, null, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => prompts.MarkSeededAsync(["fine", key], Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => deliveries.GetAsync(Phone, key, Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => deliveries.TryClaimAsync(
            new DeliveryRecord(Phone, key, new DateOnly(2026, 3, 1), null, DeliveryStatus.Claimed, At, At), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => schedule.AddAsync(new ScheduleEntry(key, At), Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.IncrementAsync(new DateOnly(2026, 3, 1), key, StatCounter.Sent, "e1", Ct));
        await Assert.ThrowsAnyAsync<ArgumentException>(() => stats.IncrementAsync(new DateOnly(2026, 3, 1), "p", StatCounter.Sent, key, Ct));
        Assert.Equal(0, transport.Requests);
    }

    [Fact]
    public void Validate_LongestAllowedKeyAndEmptyKey_Accepted()
    {
        TableKeys.Validate(new string('k', TableKeys.MaxKeyLength), "key");
        TableKeys.Validate(string.Empty, "key");
        Assert.True(TableKeys.IsValid("O'Brien (+1) é"));
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("1abc")]
    [InlineData("ab-c")]
    [InlineData("tables")]
    public void ValidateTableName_BadTableName_Throws(string name)
    {
        Assert.Throws<ArgumentException>(() => TableKeys.ValidateTableName(name, "tableName"));
    }

    /// <summary>A transport that fails every request it is handed, counting them.</summary>
    private sealed class RecordingTransport : HttpPipelineTransport
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        private static readonly HttpClientTransport Inner = new();

        public override Request CreateRequest() => Inner.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Interlocked.Increment(ref _requests);
            throw new InvalidOperationException("No request may be sent for a bad key.");
        }
    }
}
