using System.Globalization;
using Azure.Data.Tables;

namespace Reminders.Core.Storage.Tables;

/// <summary>
/// <see cref="ILimitStore"/> on the <c>Limits</c> table. A counter is one row (PK key, RK <c>c-{window}</c>) created by
/// insert-if-absent and raised by an ETag-conditional replace; a slot is one row (PK key, RK <c>s-{slot}</c>) taken the
/// same way. A write that loses a race reads again, so concurrent instances never count past the limit.
/// </summary>
public sealed class TableLimitStore(TableStoreTables tables) : ILimitStore
{
    // Each round of racing writers lets at least one through, so this bounds the writers racing on one key.
    private const int MaxAttempts = 200;
    private const string HitsProperty = "Hits";
    private const string UsedAtProperty = "UsedAtUtc";

    private readonly TableClient _table = tables.Limits;

    public async Task<bool> TryCountAsync(string key, string window, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        TableKeys.Validate(key, nameof(key));
        var rowKey = "c-" + window;
        TableKeys.Validate(rowKey, nameof(window));
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var row = await TableWrites.GetAsync(_table, key, rowKey, cancellationToken);
            if (row is null)
            {
                await TableRetentionManifest.NoteLimitAsync(tables, key, window, rowKey, cancellationToken);
                if (await TableWrites.TryAddAsync(_table, new TableEntity(key, rowKey) { [HitsProperty] = 1 }, cancellationToken) is not null)
                {
                    return true;
                }

                continue;
            }

            var hits = row.GetInt32(HitsProperty) ?? 0;
            if (hits >= limit)
            {
                return false;
            }

            var next = new TableEntity(key, rowKey) { [HitsProperty] = hits + 1 };
            if (await TableWrites.TryReplaceAsync(_table, next, row.ETag, cancellationToken) is not null)
            {
                return true;
            }
        }

        throw new InvalidOperationException($"The limit counter {key}/{window} kept changing under {MaxAttempts} attempts.");
    }

    public async Task<bool> TryTakeSlotAsync(string key, int slots, DateTimeOffset now, TimeSpan period, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        TableKeys.Validate(key, nameof(key));
        var freeBefore = now - period;
        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var raced = false;
            for (var slot = 0; slot < slots; slot++)
            {
                var rowKey = "s-" + slot.ToString(CultureInfo.InvariantCulture);
                var row = await TableWrites.GetAsync(_table, key, rowKey, cancellationToken);
                var stamped = new TableEntity(key, rowKey) { [UsedAtProperty] = now.UtcDateTime };
                if (row is null)
                {
                    if (await TableWrites.TryAddAsync(_table, stamped, cancellationToken) is not null)
                    {
                        return true;
                    }

                    raced = true;
                    break;
                }

                if (row.GetDateTimeOffset(UsedAtProperty) is { } usedAt && usedAt > freeBefore)
                {
                    continue;
                }

                if (await TableWrites.TryReplaceAsync(_table, stamped, row.ETag, cancellationToken) is not null)
                {
                    return true;
                }

                raced = true;
                break;
            }

            if (!raced)
            {
                return false;
            }
        }

        throw new InvalidOperationException($"The limit slots of {key} kept changing under {MaxAttempts} attempts.");
    }
}
