using System.Globalization;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// The form of <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c>, like the official SDK's
/// <c>CreateMessageOptions</c> for a plain SMS. Either <see cref="From"/> or <see cref="MessagingServiceSid"/>.
/// </summary>
/// <param name="To">Recipient in E.164.</param>
/// <param name="Body">Text, up to 1,600 characters.</param>
public sealed record CreateMessageRequest(string To, string Body)
{
    /// <summary>Sender number, short code or alphanumeric id.</summary>
    public string? From { get; init; }

    /// <summary>Messaging Service that picks the sender.</summary>
    public string? MessagingServiceSid { get; init; }

    /// <summary>Where Twilio posts status changes; sent exactly as given (it is also what Twilio signs).</summary>
    public string? StatusCallback { get; init; }

    /// <summary>Seconds Twilio may queue the text (1 to 36000); omitted means Twilio's default of 10 h.</summary>
    public int? ValidityPeriodSeconds { get; init; }

    /// <summary>The form fields in the order the SDK writes them; empty optional fields are left out.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ToFormFields()
    {
        var fields = new List<KeyValuePair<string, string>>(6) { new("To", To) };
        Add(fields, "From", From);
        Add(fields, "MessagingServiceSid", MessagingServiceSid);
        fields.Add(new("Body", Body));
        Add(fields, "StatusCallback", StatusCallback);
        Add(fields, "ValidityPeriod", ValidityPeriodSeconds?.ToString(CultureInfo.InvariantCulture));
        return fields;
    }

    private static void Add(List<KeyValuePair<string, string>> fields, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            fields.Add(new(name, value));
        }
    }
}
