using System.Text;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// TwiML answers to an inbound SMS webhook: <c>&lt;Response&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;/Response&gt;</c>, or
/// <c>&lt;Response/&gt;</c> for no reply (an empty 200 body makes Twilio log error 11200). Text is XML-escaped and
/// characters XML 1.0 cannot carry are dropped.
/// </summary>
public static class TwimlResponse
{
    /// <summary>The content type to answer with (what the official ASP.NET helper writes).</summary>
    public const string ContentType = "application/xml";

    private const string Declaration = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>";

    /// <summary>An answer that sends nothing back.</summary>
    public static string Empty { get; } = Declaration + "<Response/>";

    /// <summary>An answer that replies with <paramref name="body"/>; an empty body gives <see cref="Empty"/>.</summary>
    public static string Message(string? body) => string.IsNullOrEmpty(body) ? Empty : Messages([body]);

    /// <summary>An answer that replies with each non-empty text in <paramref name="bodies"/>, in order.</summary>
    public static string Messages(IEnumerable<string?> bodies)
    {
        ArgumentNullException.ThrowIfNull(bodies);
        var xml = new StringBuilder(Declaration).Append("<Response>");
        var any = false;
        foreach (var body in bodies)
        {
            if (string.IsNullOrEmpty(body))
            {
                continue;
            }

            xml.Append("<Message>");
            AppendEscaped(xml, body);
            xml.Append("</Message>");
            any = true;
        }

        return any ? xml.Append("</Response>").ToString() : Empty;
    }

    private static void AppendEscaped(StringBuilder xml, string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            switch (c)
            {
                case '&': xml.Append("&amp;"); break;
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '"': xml.Append("&quot;"); break;
                case '\'': xml.Append("&apos;"); break;
                case '\t' or '\n' or '\r': xml.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default:
                    if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                    {
                        xml.Append(c).Append(text[++i]);
                    }
                    else if (!char.IsSurrogate(c))
                    {
                        xml.Append(c);
                    }

                    break;
            }
        }
    }
}
