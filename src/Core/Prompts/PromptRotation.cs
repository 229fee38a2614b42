using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Reminders.Core.Subscribers;

namespace Reminders.Core.Prompts;

/// <summary>
/// Picks the prompt for one subscriber on one local day: an enabled prompt in their categories (all when
/// none chosen) that fits their household (<see cref="PromptAudiences.Fits"/>: a partner, child or pet prompt only
/// for someone who has one), never one of their recent sends (all but the newest when the pool is too small), from a
/// category not used in the last few days when there is a choice, chosen by a hash of (phone, local date,
/// salt) so a retry of the same day picks the same prompt.
/// </summary>
public static class PromptRotation
{
    /// <summary>Returns the prompt, or null when no enabled prompt matches the categories.</summary>
    /// <param name="library">All prompts; disabled ones are ignored.</param>
    /// <param name="categories">The subscriber's categories; empty means all.</param>
    /// <param name="household">Who is in the subscriber's life; prompts that need someone else are left out.</param>
    /// <param name="recentPromptIds">Recent sends, newest first.</param>
    /// <param name="phone">The subscriber.</param>
    /// <param name="localDate">The subscriber's local date of the send.</param>
    /// <param name="salt">0 for the daily nudge; 1, 2... for extra prompts the same day.</param>
    public static Prompt? Pick(
        IEnumerable<Prompt> library,
        IReadOnlyCollection<string> categories,
        Household household,
        IReadOnlyList<string> recentPromptIds,
        PhoneNumber phone,
        DateOnly localDate,
        int salt = 0)
    {
        ArgumentNullException.ThrowIfNull(library);
        ArgumentNullException.ThrowIfNull(categories);
        ArgumentNullException.ThrowIfNull(recentPromptIds);
        ArgumentNullException.ThrowIfNull(phone);

        var pool = library
            .Where(p => p.Enabled && (categories.Count == 0 || categories.Contains(p.Category)) && PromptAudiences.Fits(p, household))
            .OrderBy(p => p.Id, StringComparer.Ordinal)
            .ToList();
        if (pool.Count == 0)
        {
            return null;
        }

        var recent = recentPromptIds.Take(Subscriber.RecentPromptLimit).ToHashSet(StringComparer.Ordinal);
        var fresh = pool.Where(p => !recent.Contains(p.Id)).ToList();
        if (fresh.Count == 0)
        {
            // Small pool: everything was sent recently. Avoid only the newest so two days never repeat.
            var newest = recentPromptIds.Count > 0 ? recentPromptIds[0] : null;
            fresh = pool.Count > 1 ? pool.Where(p => p.Id != newest).ToList() : pool;
        }
        else
        {
            fresh = SpreadCategories(fresh, library, recentPromptIds);
        }

        return fresh[(int)(Seed(phone, localDate, salt) % (ulong)fresh.Count)];
    }

    /// <summary>
    /// Leaves out the categories of the last few sends (half as many sends as there are categories to choose
    /// from) when other categories still have fresh prompts, so days do not cluster on one theme.
    /// </summary>
    private static List<Prompt> SpreadCategories(List<Prompt> fresh, IEnumerable<Prompt> library, IReadOnlyList<string> recentPromptIds)
    {
        var freshCategories = fresh.Select(p => p.Category).Distinct(StringComparer.Ordinal).Count();
        var lookBack = recentPromptIds.Take(freshCategories / 2).ToHashSet(StringComparer.Ordinal);
        if (lookBack.Count == 0)
        {
            return fresh;
        }

        var avoid = library.Where(p => lookBack.Contains(p.Id)).Select(p => p.Category).ToHashSet(StringComparer.Ordinal);
        var spread = fresh.Where(p => !avoid.Contains(p.Category)).ToList();
        return spread.Count > 0 ? spread : fresh;
    }

    private static ulong Seed(PhoneNumber phone, DateOnly localDate, int salt)
    {
        var text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{phone.Value}|{localDate:yyyy-MM-dd}|{salt}");
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
