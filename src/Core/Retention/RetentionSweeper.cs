using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;

namespace Reminders.Core.Retention;

/// <summary>
/// The retention sweep behind the <c>RetentionSweep</c> timer: expires the inbound de-duplication records and the daily
/// markers after <see cref="RetentionOptions.InboundDays"/>, and empties message bodies after
/// <see cref="RetentionOptions.MessageBodyDays"/>. Idempotent: a repeated or overlapping run finds less or nothing to do.
/// </summary>
public sealed partial class RetentionSweeper(
    IRetentionStore store,
    TimeProvider time,
    IOptions<RetentionOptions> options,
    ILogger<RetentionSweeper> logger)
{
    public async Task<RetentionSweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        var shortLived = await store.ExpireShortLivedAsync(now - TimeSpan.FromDays(settings.InboundDays), cancellationToken);
        var bodies = await store.StripMessageBodiesAsync(now - TimeSpan.FromDays(settings.MessageBodyDays), cancellationToken);
        var result = new RetentionSweepResult(shortLived.Removed, bodies.Removed, shortLived.Bookkeeping + bodies.Bookkeeping);
        LogSwept(result.RecordsDeleted, settings.InboundDays, result.BodiesStripped, settings.MessageBodyDays, result.ManifestRows);
        return result;
    }

    [LoggerMessage(EventId = 9001, Level = LogLevel.Information, Message = "Retention sweep: {Deleted} records older than {InboundDays} days deleted, {Stripped} message bodies older than {BodyDays} days emptied ({Manifest} manifest rows)")]
    private partial void LogSwept(int deleted, int inboundDays, int stripped, int bodyDays, int manifest);
}

/// <summary>What a sweep did.</summary>
/// <param name="RecordsDeleted">Inbound records, daily markers, stats event markers and limit counters deleted.</param>
/// <param name="BodiesStripped">Message log rows whose body was emptied.</param>
/// <param name="ManifestRows">Manifest rows processed (Table Storage).</param>
public sealed record RetentionSweepResult(int RecordsDeleted, int BodiesStripped, int ManifestRows);
