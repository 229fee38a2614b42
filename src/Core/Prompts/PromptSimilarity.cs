namespace Reminders.Core.Prompts;

/// <summary>
/// Finds prompt texts that say the same thing in nearly the same words. Each text becomes a set of content
/// words (lower-cased, possessive and plural <c>s</c> dropped, stop words removed); two texts are near
/// duplicates when <b>either</b>
/// <list type="bullet">
/// <item>their Jaccard similarity (shared words / all words) is at least <see cref="JaccardThreshold"/>, or</item>
/// <item>at least <see cref="ContainmentThreshold"/> of the shorter text's words appear in the other
/// (a short paraphrase hiding inside a longer prompt, which Jaccard under-scores).</item>
/// </list>
/// Why these numbers: in the built-in library no two distinct prompts score above 0.37 Jaccard or 0.58
/// containment (they share topic words such as <c>partner</c>, <c>ask</c>, <c>send</c>), while the same prompt
/// lightly reworded scores about 0.45 to 0.8 Jaccard and 0.8 to 1.0 containment. The margins let honest variety
/// through and stop a copy with two words swapped. A paraphrase in entirely different words is not caught;
/// that still needs a human read (see docs/content-guide.md).
/// </summary>
public static class PromptSimilarity
{
    public const double JaccardThreshold = 0.5;

    public const double ContainmentThreshold = 0.8;

    /// <summary>Containment is only meaningful when the shorter text has at least this many content words.</summary>
    public const int MinWordsForContainment = 4;

    private static readonly HashSet<string> StopWords = new(
        [
            "a", "about", "after", "all", "also", "am", "an", "and", "any", "are", "as", "at", "be", "been", "before",
            "but", "by", "can", "could", "did", "do", "does", "each", "even", "for", "from", "had", "has", "have",
            "he", "her", "him", "his", "how", "i", "if", "in", "into", "is", "it", "its", "just", "let", "like",
            "me", "more", "my", "no", "not", "of", "on", "one", "only", "or", "our", "out", "she", "so", "than",
            "that", "the", "their", "them", "then", "there", "these", "they", "this", "those", "to", "today",
            "tonight", "too", "up", "us", "very", "was", "we", "were", "what", "when", "where", "which", "while",
            "who", "will", "with", "would", "you", "your", "yours", "yourself",
        ],
        StringComparer.Ordinal);

    /// <summary>True when the two texts are near duplicates by either measure.</summary>
    public static bool AreNearDuplicates(string first, string second)
    {
        var a = ContentWords(first);
        var b = ContentWords(second);
        return Jaccard(a, b) >= JaccardThreshold
            || (Math.Min(a.Count, b.Count) >= MinWordsForContainment && Containment(a, b) >= ContainmentThreshold);
    }

    /// <summary>The normalised content words of <paramref name="text"/>.</summary>
    public static IReadOnlySet<string> ContentWords(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = new HashSet<string>(StringComparer.Ordinal);

        // Anything but a letter or digit splits words; an apostrophe leaves a one-letter piece ("partner's" ->
        // "partner", "s") that the length rule drops.
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && char.IsLetterOrDigit(text[i]);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                AddWord(words, text[start..i].ToLowerInvariant());
                start = -1;
            }
        }

        return words;
    }

    /// <summary>Shared words divided by all words; 0 when both sets are empty.</summary>
    public static double Jaccard(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var union = a.Count + b.Count - Shared(a, b);
        return union == 0 ? 0 : (double)Shared(a, b) / union;
    }

    /// <summary>Shared words divided by the size of the smaller set; 0 when either is empty.</summary>
    public static double Containment(IReadOnlySet<string> a, IReadOnlySet<string> b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        var smaller = Math.Min(a.Count, b.Count);
        return smaller == 0 ? 0 : (double)Shared(a, b) / smaller;
    }

    private static int Shared(IReadOnlySet<string> a, IReadOnlySet<string> b) => a.Count(b.Contains);

    private static void AddWord(HashSet<string> words, string word)
    {
        if (word.Length < 2 || StopWords.Contains(word))
        {
            return;
        }

        // Crude plural folding so "minute" and "minutes" match; "ss" endings (kiss, less) are left alone.
        if (word.Length > 3 && word[^1] == 's' && word[^2] != 's')
        {
            word = word[..^1];
        }

        words.Add(word);
    }
}
