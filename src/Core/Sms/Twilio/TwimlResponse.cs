using System.Xml.Linq;
using Twilio.TwiML;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// TwiML answers to an inbound SMS webhook, written by the SDK's <see cref="MessagingResponse"/>:
/// <c>&lt;Response&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;/Response&gt;</c>, or <c>&lt;Response /&gt;</c> for no reply
/// (an empty 200 body makes Twilio log error 11200). Characters XML 1.0 cannot carry are dropped first, because the
/// SDK's XML writer would throw on them.
/// </summary>
public static class TwimlResponse
{
    /// <summary>The content type to answer with (what the official ASP.NET helper writes).</summary>
    public const string ContentType = "application/xml";

    /// <summary>An answer that sends nothing back.</summary>
    public static string Empty { get; } = new MessagingResponse().ToString(SaveOptions.DisableFormatting);

    /// <summary>An answer that replies with <paramref name="body"/>; an empty body gives <see cref="Empty"/>.</summary>
    public static string Message(string? body) => Messages([body]);

    /// <summary>An answer that replies with each non-empty text in <paramref name="bodies"/>, in order.</summary>
    public static string Messages(IEnumerable<string?> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var response = new MessagingResponse();
        var any = false;
        foreach (var body in bodies)
        {
            var text = XmlSafe(body);
            if (text.Length > 0)
            {
                response.Message(text);
                any = true;
            }
        }

        return any ? response.ToString(SaveOptions.DisableFormatting) : Empty;
    }

    private static string XmlSafe(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return string.Empty;
        }

        var safe = new System.Text.StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                safe.Append(c).Append(text[++i]);
            }
            else if (c is '\t' or '\n' or '\r' || (c >= ' ' && c is not '\uFFFE' and not '\uFFFF' && !char.IsSurrogate(c)))
            {
                safe.Append(c);
            }
        }

        return safe.ToString();
    }
}
