using System.Xml.Linq;
using Reminders.Core.Sms.Twilio;

namespace Reminders.Tests.Sms.Twilio;

public sealed class TwimlResponseTests
{
    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    [Fact]
    public void Message_PlainText_WrapsInResponseAndMessage()
    {
        Assert.Equal(Declaration + "<Response><Message>Got it.</Message></Response>", TwimlResponse.Message("Got it."));
    }

    [Fact]
    public void Message_MarkupCharacters_AreEscaped()
    {
        var xml = TwimlResponse.Message("Msg&data <rates> \"may\" 'apply'");

        Assert.Equal(
            Declaration + "<Response><Message>Msg&amp;data &lt;rates&gt; &quot;may&quot; &apos;apply&apos;</Message></Response>",
            xml);
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
        Assert.Equal(Declaration + "<Response/>", TwimlResponse.Message(text));
        Assert.Equal(TwimlResponse.Empty, TwimlResponse.Message(text));
    }

    [Fact]
    public void Messages_SeveralTexts_OneMessageEachInOrderSkippingEmpty()
    {
        Assert.Equal(
            Declaration + "<Response><Message>one</Message><Message>two</Message></Response>",
            TwimlResponse.Messages(["one", "", null, "two"]));
    }

    [Fact]
    public void Messages_NothingToSay_IsTheEmptyResponse()
    {
        Assert.Equal(TwimlResponse.Empty, TwimlResponse.Messages([null, ""]));
        Assert.Equal("application/xml", TwimlResponse.ContentType);
    }
}
