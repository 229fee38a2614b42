using Reminders.Core.Prompts;

namespace Reminders.Tests.Prompts;

public sealed class NudgeFormatTests
{
    [Theory]
    [InlineData(0, "Reminders: Hug someone for 20 seconds. Reply STOP to end.")]
    [InlineData(1, "Reminders: Hug someone for 20 seconds.")]
    [InlineData(6, "Reminders: Hug someone for 20 seconds.")]
    [InlineData(7, "Reminders: Hug someone for 20 seconds. Reply STOP to end.")]
    [InlineData(14, "Reminders: Hug someone for 20 seconds. Reply STOP to end.")]
    public void Render_PrefixAlwaysAndStopReminderOnFirstAndEverySeventh(int sentBefore, string expected)
    {
        Assert.Equal(expected, NudgeFormat.Render("Reminders", "Hug someone for 20 seconds.", sentBefore));
    }

    [Fact]
    public void Render_NameAndTextWithSurroundingSpaces_TrimmedAsThePrefixIs()
    {
        var nudge = NudgeFormat.Render("  Kinder Days ", "\tAsk one question at dinner.  ", 3);

        Assert.Equal("Kinder Days: Ask one question at dinner.", nudge);
        Assert.StartsWith(NudgeFormat.Prefix("  Kinder Days "), nudge, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_LongestForm_IsWhatLongestMeasures()
    {
        Assert.Equal(NudgeFormat.Longest(" Reminders", " Hug. "), NudgeFormat.Render(" Reminders", " Hug. ", 0));
    }

    [Theory]
    [InlineData("", "Hug.")]
    [InlineData("  ", "Hug.")]
    [InlineData("Reminders", "")]
    [InlineData("Reminders", " \t ")]
    public void Render_BlankNameOrText_Throws(string name, string text)
    {
        Assert.Throws<ArgumentException>(() => NudgeFormat.Render(name, text, 0));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    public void Render_AllocatesOnlyTheMessage(int sentBefore)
    {
        // Once per subscriber at a peak: the message itself is the only allocation. Calibrated against allocating one
        // string of the message's length, so the check holds whatever the runtime's object header size is.
        const string name = " Reminders ";
        const string text = " Put your phone in another room and ask someone about their day. ";
        var length = NudgeFormat.Render(name, text, sentBefore).Length;

        var oneString = BytesPerCall(() => new string('x', length));
        var perRender = BytesPerCall(() => NudgeFormat.Render(name, text, sentBefore));

        Assert.True(oneString > 0);
        Assert.Equal(oneString, perRender);
    }

    /// <summary>Bytes this thread allocates per call of <paramref name="make"/>, after one call to warm it up.</summary>
    private static long BytesPerCall(Func<string> make)
    {
        const int calls = 100;
        Assert.NotNull(make());
        var before = GC.GetAllocatedBytesForCurrentThread();
        string? last = null;
        for (var i = 0; i < calls; i++)
        {
            last = make();
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.NotNull(last);
        return allocated / calls;
    }
}
