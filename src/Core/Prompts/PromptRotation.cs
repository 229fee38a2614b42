using System.Buffers.Binary;
using System.Globalization;
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
        ArgumentNullException.ThrowIfNull(categories);
        return Pick(PromptPool.From(library), categories as IReadOnlyList<string> ?? [.. categories], household, recentPromptIds, phone, localDate, salt);
    }

    /// <summary>
    /// As <see cref="Pick(IEnumerable{Prompt}, IReadOnlyCollection{string}, Household, IReadOnlyList{string}, PhoneNumber, DateOnly, int)"/>
    /// on a library prepared once (<see cref="PromptPool.From"/>); allocates nothing. Counts the candidates in one
    /// pass and takes the chosen one in a second, instead of building lists.
    /// </summary>
    public static Prompt? Pick(
        PromptPool library,
        IReadOnlyList<string> categories,
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

        var categoryCount = library.Categories.Count;
        Span<bool> wanted = categoryCount <= 256 ? stackalloc bool[categoryCount] : new bool[categoryCount];
        Span<bool> avoided = categoryCount <= 256 ? stackalloc bool[categoryCount] : new bool[categoryCount];
        MarkWanted(library, categories, wanted);

        var recentCount = Math.Min(recentPromptIds.Count, Subscriber.RecentPromptLimit);
        var pool = 0;
        var fresh = 0;
        var enabled = library.Enabled;
        for (var i = 0; i < enabled.Length; i++)
        {
            if (InPool(library, i, wanted, household))
            {
                pool++;
                fresh += StartsWith(recentPromptIds, recentCount, enabled[i].Id) ? 0 : 1;
            }
        }

        if (pool == 0)
        {
            return null;
        }

        Filter filter;
        string? newest = null;
        if (fresh == 0)
        {
            // Small pool: everything was sent recently. Avoid only the newest so two days never repeat.
            newest = recentPromptIds.Count > 0 ? recentPromptIds[0] : null;
            filter = pool > 1 ? Filter.NotNewest : Filter.Pool;
        }
        else
        {
            filter = SpreadCategories(library, wanted, avoided, household, recentPromptIds, recentCount) ? Filter.FreshSpread : Filter.Fresh;
        }

        var candidates = 0;
        for (var i = 0; i < enabled.Length; i++)
        {
            candidates += IsCandidate(library, i, filter, wanted, avoided, household, recentPromptIds, recentCount, newest) ? 1 : 0;
        }

        var chosen = (int)(Seed(phone, localDate, salt) % (ulong)candidates);
        for (var i = 0; i < enabled.Length; i++)
        {
            if (IsCandidate(library, i, filter, wanted, avoided, household, recentPromptIds, recentCount, newest) && chosen-- == 0)
            {
                return enabled[i];
            }
        }

        throw new InvalidOperationException("The candidate count changed between two passes.");
    }

    private enum Filter
    {
        Pool,
        NotNewest,
        Fresh,
        FreshSpread,
    }

    private static void MarkWanted(PromptPool library, IReadOnlyList<string> categories, Span<bool> wanted)
    {
        if (categories.Count == 0)
        {
            wanted.Fill(true);
            return;
        }

        for (var i = 0; i < categories.Count; i++)
        {
            if (library.Categories.TryGetValue(categories[i], out var category))
            {
                wanted[category] = true;
            }
        }
    }

    private static bool InPool(PromptPool library, int i, ReadOnlySpan<bool> wanted, Household household) =>
        wanted[library.EnabledCategory[i]] && (library.EnabledNeeds[i] & ~household) == Household.None;

    private static bool IsCandidate(
        PromptPool library, int i, Filter filter, ReadOnlySpan<bool> wanted, ReadOnlySpan<bool> avoided, Household household,
        IReadOnlyList<string> recentPromptIds, int recentCount, string? newest)
    {
        if (!InPool(library, i, wanted, household))
        {
            return false;
        }

        var id = library.Enabled[i].Id;
        return filter switch
        {
            Filter.Pool => true,
            Filter.NotNewest => !string.Equals(id, newest, StringComparison.Ordinal),
            Filter.Fresh => !StartsWith(recentPromptIds, recentCount, id),
            _ => !StartsWith(recentPromptIds, recentCount, id) && !avoided[library.EnabledCategory[i]],
        };
    }

    /// <summary>Whether <paramref name="id"/> is among the first <paramref name="count"/> of <paramref name="ids"/>.</summary>
    private static bool StartsWith(IReadOnlyList<string> ids, int count, string id)
    {
        for (var i = 0; i < count; i++)
        {
            if (string.Equals(ids[i], id, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Leaves out the categories of the last few sends (half as many sends as there are categories to choose
    /// from) when other categories still have fresh prompts, so days do not cluster on one theme. True when
    /// <paramref name="avoided"/> now marks categories to leave out and some fresh prompt is outside them.
    /// </summary>
    private static bool SpreadCategories(
        PromptPool library, ReadOnlySpan<bool> wanted, Span<bool> avoided, Household household, IReadOnlyList<string> recentPromptIds, int recentCount)
    {
        // Distinct categories among the fresh prompts (avoided is used as the scratch set, then cleared).
        var freshCategories = 0;
        for (var i = 0; i < library.Enabled.Length; i++)
        {
            var category = library.EnabledCategory[i];
            if (!avoided[category] && InPool(library, i, wanted, household) && !StartsWith(recentPromptIds, recentCount, library.Enabled[i].Id))
            {
                avoided[category] = true;
                freshCategories++;
            }
        }

        avoided.Clear();
        var lookBack = Math.Min(freshCategories / 2, recentPromptIds.Count);
        if (lookBack == 0)
        {
            return false;
        }

        // Any prompt of the library (disabled ones too) with a looked-back id marks its category.
        var any = false;
        for (var i = 0; i < library.All.Length; i++)
        {
            if (StartsWith(recentPromptIds, lookBack, library.All[i].Id))
            {
                avoided[library.AllCategory[i]] = true;
                any = true;
            }
        }

        if (!any)
        {
            return false;
        }

        for (var i = 0; i < library.Enabled.Length; i++)
        {
            if (!avoided[library.EnabledCategory[i]] && InPool(library, i, wanted, household)
                && !StartsWith(recentPromptIds, recentCount, library.Enabled[i].Id))
            {
                return true;
            }
        }

        return false;
    }

    private static ulong Seed(PhoneNumber phone, DateOnly localDate, int salt)
    {
        // UTF-8 of "{phone}|{yyyy-MM-dd}|{salt}", written on the stack.
        Span<byte> text = stackalloc byte[128];
        var length = Encoding.UTF8.GetBytes(phone.Value, text);
        text[length++] = (byte)'|';
        localDate.TryFormat(text[length..], out var written, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        length += written;
        text[length++] = (byte)'|';
        salt.TryFormat(text[length..], out written, default, CultureInfo.InvariantCulture);
        length += written;
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(text[..length], hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
