using System.Text.Json;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

public sealed class SmsSegmentCounterTests
{
    private static readonly Lazy<IReadOnlyList<SegmentVector>> Vectors = new(LoadVectors);

    // Code points of the GSM 03.38 basic and extension tables as Twilio's segment calculator maps them
    // (UnicodeToGSM.ts). Written as numbers so the test does not share a string with the production table.
    private static readonly HashSet<int> GsmCodePoints =
    [
        0x0A, 0x0C, 0x0D, .. Enumerable.Range(0x20, 0x40 - 0x20), 0x40, .. Enumerable.Range(0x41, 26),
        0x5B, 0x5C, 0x5D, 0x5E, 0x5F, .. Enumerable.Range(0x61, 26), 0x7B, 0x7C, 0x7D, 0x7E,
        0xA1, 0xA3, 0xA4, 0xA5, 0xA7, 0xBF, 0xC4, 0xC5, 0xC6, 0xC7, 0xC9, 0xD1, 0xD6, 0xD8, 0xDC, 0xDF,
        0xE0, 0xE4, 0xE5, 0xE6, 0xE8, 0xE9, 0xEC, 0xF1, 0xF2, 0xF6, 0xF8, 0xF9, 0xFC,
        0x393, 0x394, 0x398, 0x39B, 0x39E, 0x3A0, 0x3A3, 0x3A6, 0x3A8, 0x3A9, 0x20AC,
    ];

    public static TheoryData<string> VectorDescriptions => [.. Vectors.Value.Select(v => v.Description)];

    [Theory]
    [MemberData(nameof(VectorDescriptions))]
    public void Count_SharedVector_MatchesTable(string description)
    {
        var vector = Vectors.Value.Single(v => v.Description == description);

        var count = SmsSegmentCounter.Count(vector.Text);

        Assert.Equal(
            (vector.Encoding, vector.Segments, vector.Units, vector.Text.Length),
            (EncodingName(count.Encoding), count.Segments, count.Units, count.Length));
    }

    [Fact]
    public void SharedVectors_File_CoversTheReferenceTable()
    {
        var vectors = Vectors.Value;

        Assert.True(vectors.Count >= 30, $"only {vectors.Count} vectors");
        Assert.Equal(vectors.Count, vectors.Select(v => v.Description).Distinct(StringComparer.Ordinal).Count());
        Assert.Contains(vectors, v => v.Encoding == "GSM-7" && v.Segments >= 3);
        Assert.Contains(vectors, v => v.Encoding == "UCS-2" && v.Segments >= 3);
        Assert.Contains(vectors, v => v.Text == new string('a', 159) + "€" && v.Segments == 2);
        Assert.Contains(vectors, v => v.Text == "\U0001F3F3\uFE0F\u200D\U0001F308" && v.Units == 6);
    }

    [Fact]
    public void IsGsm7_EveryCharacterUpToGreekAndCommonLookAlikes_MatchesTwilioTable()
    {
        int[] lookAlikes = [0x2018, 0x2019, 0x201C, 0x201D, 0x2013, 0x2014, 0x2026, 0x20AC, 0x00A0, 0x0060, 0x00E7];
        var codePoints = Enumerable.Range(0, 0x400).Concat(lookAlikes).Where(cp => cp is < 0xD800 or > 0xDFFF);

        var wrong = codePoints
            .Where(cp => SmsSegmentCounter.IsGsm7(char.ConvertFromUtf32(cp)) != GsmCodePoints.Contains(cp))
            .Select(cp => $"U+{cp:X4}")
            .ToList();

        Assert.Empty(wrong);
    }

    [Theory]
    [InlineData('^')]
    [InlineData('{')]
    [InlineData('}')]
    [InlineData('\\')]
    [InlineData('[')]
    [InlineData('~')]
    [InlineData(']')]
    [InlineData('|')]
    [InlineData('€')]
    [InlineData('\f')]
    public void Count_ExtensionCharacter_CostsTwoSeptets(char extension)
    {
        var text = "ab" + extension;

        var count = SmsSegmentCounter.Count(text);

        Assert.Equal(new SegmentCount(SmsEncoding.Gsm7, 1, 4, 3), count);
    }

    [Fact]
    public void Count_EscapePairAtSegmentBoundary_MovesWholePairSoSegmentHolds152()
    {
        var split = new string('a', 152) + "€" + new string('a', 152);
        var unsplit = new string('a', 153) + "€" + new string('a', 151);

        var splitCount = SmsSegmentCounter.Count(split);
        var unsplitCount = SmsSegmentCounter.Count(unsplit);

        Assert.Equal((306, 3), (splitCount.Units, splitCount.Segments));
        Assert.Equal((306, 2), (unsplitCount.Units, unsplitCount.Segments));
    }

    [Fact]
    public void Count_Null_Throws()
    {
        var error = Assert.Throws<ArgumentNullException>(() => SmsSegmentCounter.Count(null!));

        Assert.Equal("text", error.ParamName);
    }

    private static string EncodingName(SmsEncoding encoding) => encoding switch
    {
        SmsEncoding.Gsm7 => "GSM-7",
        SmsEncoding.Ucs2 => "UCS-2",
        _ => encoding.ToString(),
    };

    private static List<SegmentVector> LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Prompts", "segment-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return
        [
            .. document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new SegmentVector(
                v.GetProperty("description").GetString()!,
                v.GetProperty("text").GetString()!,
                v.GetProperty("encoding").GetString()!,
                v.GetProperty("segments").GetInt32(),
                v.GetProperty("units").GetInt32())),
        ];
    }

    private sealed record SegmentVector(string Description, string Text, string Encoding, int Segments, int Units);
}
