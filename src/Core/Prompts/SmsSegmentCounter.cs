using System.Globalization;

namespace Reminders.Core.Prompts;

/// <summary>
/// Counts SMS segments the way Twilio bills them: GSM-7 (160, or 153 per part; extension characters
/// cost two septets and an escape pair never straddles two parts), else UCS-2 (70, or 67 per part;
/// a character made of several UTF-16 units, such as an emoji, never straddles two parts).
/// The admin page carries a JavaScript copy of this logic; a shared table of strings keeps them equal.
/// </summary>
public static class SmsSegmentCounter
{
    private const string Gsm7Basic =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    private const string Gsm7Extension = "^{}\\[~]|€\f";

    /// <summary>Whether every character of <paramref name="text"/> is in the GSM-7 basic or extension table.</summary>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var c in text)
        {
            if (!Gsm7Basic.Contains(c, StringComparison.Ordinal) && !Gsm7Extension.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Counts the segments, units and encoding of <paramref name="text"/>. An empty text is one empty segment.</summary>
    public static SegmentCount Count(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsGsm7(text) ? CountGsm7(text) : CountUcs2(text);
    }

    private static SegmentCount CountGsm7(string text)
    {
        var units = 0;
        foreach (var c in text)
        {
            units += Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
        }

        if (units <= 160)
        {
            return new SegmentCount(SmsEncoding.Gsm7, 1, units, text.Length);
        }

        var segments = 1;
        var used = 0;
        foreach (var c in text)
        {
            var cost = Gsm7Extension.Contains(c, StringComparison.Ordinal) ? 2 : 1;
            if (used + cost > 153)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SegmentCount(SmsEncoding.Gsm7, segments, units, text.Length);
    }

    private static SegmentCount CountUcs2(string text)
    {
        var units = text.Length;
        if (units <= 70)
        {
            return new SegmentCount(SmsEncoding.Ucs2, 1, units, text.Length);
        }

        var segments = 1;
        var used = 0;
        var elements = StringInfo.GetTextElementEnumerator(text);
        while (elements.MoveNext())
        {
            var cost = elements.GetTextElement().Length;
            if (used + cost > 67)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SegmentCount(SmsEncoding.Ucs2, segments, units, text.Length);
    }
}

/// <summary>What <see cref="SmsSegmentCounter.Count"/> found.</summary>
/// <param name="Encoding">GSM-7 when every character fits, else UCS-2.</param>
/// <param name="Segments">Billed message parts.</param>
/// <param name="Units">Septets (GSM-7) or UTF-16 code units (UCS-2).</param>
/// <param name="Length">The string's length in UTF-16 code units.</param>
public sealed record SegmentCount(SmsEncoding Encoding, int Segments, int Units, int Length);
