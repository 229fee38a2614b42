using System.Globalization;
using System.Text.RegularExpressions;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Sms;

/// <summary>Reads the fields of a verified webhook into Core's inputs; every missing or malformed field is a field error (400).</summary>
internal static partial class SmsWebhookForms
{
    private const int MaxBodyLength = 1600;

    /// <summary>An inbound SMS: <c>From</c>, <c>Body</c> (may be empty), <c>MessageSid</c>, optional <c>OptOutType</c>.</summary>
    public static InboundSms? Inbound(IFormCollection form, SignupOptions signup, FieldErrors errors)
    {
        var from = Phone(form["From"].ToString(), "From", signup, errors);
        var sid = Sid(form["MessageSid"].ToString(), errors);
        string? body = null;
        if (!form.ContainsKey("Body"))
        {
            errors.Add("Body", "Body is required (it may be empty).");
        }
        else if (form["Body"].ToString() is { Length: > MaxBodyLength })
        {
            errors.Add("Body", $"Body is longer than {MaxBodyLength} characters.");
        }
        else
        {
            body = form["Body"].ToString();
        }

        var optOutType = form["OptOutType"].ToString();
        if (optOutType.Length > 20)
        {
            errors.Add("OptOutType", "OptOutType is not a keyword type.");
        }

        return errors.Count == 0 && from is not null && sid is not null && body is not null
            ? new InboundSms(from, body, optOutType.Length == 0 ? null : optOutType, sid)
            : null;
    }

    /// <summary>
    /// A status callback: <c>phone</c> and optional <c>delivery</c> from the query (written by
    /// <see cref="TwilioWebhooks.StatusCallbackUrl"/>), <c>MessageSid</c>, <c>MessageStatus</c> and optional
    /// <c>ErrorCode</c> from the form.
    /// </summary>
    public static StatusCallback? Status(IQueryCollection query, IFormCollection form, SignupOptions signup, FieldErrors errors)
    {
        var phone = Phone(query[TwilioWebhooks.PhoneQueryKey].ToString(), TwilioWebhooks.PhoneQueryKey, signup, errors);
        var key = query[TwilioWebhooks.DeliveryQueryKey].ToString();
        if (key.Length > 0 && !DeliveryKeyPattern().IsMatch(key))
        {
            errors.Add(TwilioWebhooks.DeliveryQueryKey, "delivery must be a delivery key such as 2026-03-01 or 2026-03-01-more1.");
        }

        var sid = Sid(form["MessageSid"].ToString(), errors);
        var status = form["MessageStatus"].ToString();
        if (status.Length is 0 or > 32)
        {
            errors.Add("MessageStatus", "MessageStatus is required.");
        }

        int? errorCode = null;
        var code = form["ErrorCode"].ToString();
        if (code.Length > 0)
        {
            if (int.TryParse(code, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                errorCode = parsed;
            }
            else
            {
                errors.Add("ErrorCode", "ErrorCode must be a number.");
            }
        }

        return errors.Count == 0 && phone is not null && sid is not null
            ? new StatusCallback(phone, key.Length == 0 ? null : key, sid, status, errorCode)
            : null;
    }

    private static PhoneNumber? Phone(string value, string field, SignupOptions signup, FieldErrors errors)
    {
        if (value.Length == 0)
        {
            errors.Add(field, $"{field} is required.");
            return null;
        }

        // Twilio sends E.164; our own status callback URLs carry the stored E.164 value.
        if (!PhoneNumber.TryFromE164(value, out var phone, out var error))
        {
            errors.Add(field, $"{field} is not a phone number: {error}");
            return null;
        }

        return phone;
    }

    private static string? Sid(string value, FieldErrors errors)
    {
        if (InboundLogKeys.IsMessageSid(value))
        {
            return value;
        }

        errors.Add("MessageSid", "MessageSid must be a Twilio message SID (two letters and 32 hexadecimal digits).");
        return null;
    }

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}(-[a-z0-9]{1,12})?$", RegexOptions.CultureInvariant)]
    private static partial Regex DeliveryKeyPattern();
}
