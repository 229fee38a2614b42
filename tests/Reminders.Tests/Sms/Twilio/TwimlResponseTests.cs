using System.Xml.Linq;
using Reminders.Core.Sms.Twilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwimlResponseTests
{
    /// <summary>The texts of the Message elements, after checking the document is a TwiML Response.</summary>
    private static string[] Messages(string xml)
    {
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?>", xml, StringComparison.OrdinalIgnoreCase);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        Assert.All(root.Elements(), e => Assert.Equal("Message", e.Name.LocalName));
        return [.. root.Elements().Select(e => e.Value)];
    }

    [Fact]
    public void Message_PlainText_WrapsInResponseAndMessage()
    {
        Assert.Equal(["Got it."], Messages(TwimlResponse.Message("Got it.")));
        Assert.EndsWith("<Response><Message>Got it.</Message></Response>", TwimlResponse.Message("Got it."), StringComparison.Ordinal);
    }

    [Fact]
    public void Message_MarkupCharacters_AreEscaped()
    {
        var xml = TwimlResponse.Message("Msg&data <rates> \"may\" 'apply'");

        Assert.Equal(["Msg&data <rates> \"may\" 'apply'"], Messages(xml));
        Assert.Contains("Msg&amp;data &lt;rates&gt;", xml, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Msg&data rates may apply. </Message><Redirect>https://evil.example</Redirect>")]
    [InlineData("Hug 🤗 now\nand later\tok")]
    [InlineData("Bell\u0007 and form\u000C feed")]
    public void Message_AnyText_ParsesBackToTheSameTextMinusInvalidCharacters(string text)
    {
        var document = XDocument.Parse(TwimlResponse.Message(text));

        var message = Assert.Single(document.Root!.Elements());
        Assert.Equal("Response", document.Root.Name.LocalName);
        Assert.Equal("Message", message.Name.LocalName);
        Assert.Equal(text.Replace("\u0007", "", StringComparison.Ordinal).Replace("\u000C", "", StringComparison.Ordinal), message.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Message_NoText_IsTheEmptyResponse(string? text)
    {
        Assert.Empty(Messages(TwimlResponse.Message(text)));
        Assert.Equal(TwimlResponse.Empty, TwimlResponse.Message(text));
    }

    [Fact]
    public void Messages_SeveralTexts_OneMessageEachInOrderSkippingEmpty()
    {
        Assert.Equal(["one", "two"], Messages(TwimlResponse.Messages(["one", "", null, "two"])));
    }

    [Fact]
    public void Messages_NothingToSay_IsTheEmptyResponse()
    {
        Assert.Equal(TwimlResponse.Empty, TwimlResponse.Messages([null, ""]));
        Assert.Equal("application/xml", TwimlResponse.ContentType);
    }
}
