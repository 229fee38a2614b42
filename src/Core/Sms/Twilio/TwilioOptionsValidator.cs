using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Sms.Twilio;

/// <summary>Start-up checks for <see cref="TwilioOptions"/>, with messages that say which setting to fix.</summary>
public sealed partial class TwilioOptionsValidator : IValidateOptions<TwilioOptions>
{
    /// <summary>Twilio's limit for <c>ValidityPeriod</c> (OpenAPI spec: 1 to 36000 seconds).</summary>
    internal static readonly TimeSpan MaxValidityPeriod = TimeSpan.FromSeconds(36000);

    public ValidateOptionsResult Validate(string? name, TwilioOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();

        CheckSid(errors, nameof(TwilioOptions.AccountSid), options.AccountSid, "AC");
        CheckCredentials(errors, options);
        CheckSender(errors, options);
        CheckUrls(errors, options);
        CheckTimings(errors, options);

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private static void CheckCredentials(List<string> errors, TwilioOptions options)
    {
        var hasToken = !string.IsNullOrEmpty(options.AuthToken);
        var hasKeySid = !string.IsNullOrEmpty(options.ApiKeySid);
        var hasKeySecret = !string.IsNullOrEmpty(options.ApiKeySecret);
        if (hasKeySid != hasKeySecret)
        {
            errors.Add("Twilio:ApiKeySid and Twilio:ApiKeySecret must be set together.");
        }
        else if (hasKeySid)
        {
            CheckSid(errors, nameof(TwilioOptions.ApiKeySid), options.ApiKeySid, "SK");
        }
        else if (!hasToken)
        {
            errors.Add("Set Twilio:AuthToken, or Twilio:ApiKeySid with Twilio:ApiKeySecret, to authenticate REST calls.");
        }

        if (!hasToken && !string.IsNullOrEmpty(options.WebhookBaseUrl))
        {
            errors.Add("Twilio:AuthToken is required when Twilio:WebhookBaseUrl is set: Twilio signs webhooks with the Auth Token, not with an API key.");
        }
    }

    private static void CheckSender(List<string> errors, TwilioOptions options)
    {
        var hasFrom = !string.IsNullOrWhiteSpace(options.From);
        var hasService = !string.IsNullOrWhiteSpace(options.MessagingServiceSid);
        if (hasFrom == hasService)
        {
            errors.Add("Set exactly one of Twilio:From and Twilio:MessagingServiceSid.");
        }
        else if (hasService)
        {
            CheckSid(errors, nameof(TwilioOptions.MessagingServiceSid), options.MessagingServiceSid, "MG");
        }
        else if (options.From!.Trim() != options.From || options.From.Length > 20)
        {
            errors.Add("Twilio:From must be an E.164 number, a short code or an alphanumeric sender id without surrounding spaces.");
        }
    }

    private static void CheckUrls(List<string> errors, TwilioOptions options)
    {
        if (!IsHttpUrl(options.ApiBaseUrl, out _))
        {
            errors.Add("Twilio:ApiBaseUrl must be an absolute http(s) URL, for example https://api.twilio.com.");
        }

        if (string.IsNullOrEmpty(options.WebhookBaseUrl))
        {
            return;
        }

        if (!IsHttpUrl(options.WebhookBaseUrl, out var webhook))
        {
            errors.Add("Twilio:WebhookBaseUrl must be an absolute http(s) URL, for example https://nudge.example.com.");
        }
        else if (webhook.Query.Length > 0 || webhook.Fragment.Length > 0 || options.WebhookBaseUrl.EndsWith('/'))
        {
            errors.Add("Twilio:WebhookBaseUrl must be a root without query, fragment or trailing slash, for example https://nudge.example.com.");
        }
        else if (webhook.Host.Contains('_', StringComparison.Ordinal))
        {
            errors.Add("Twilio:WebhookBaseUrl must not contain an underscore in the host name: Twilio rejects such StatusCallback URLs.");
        }
        else if (!string.IsNullOrEmpty(webhook.UserInfo))
        {
            errors.Add("Twilio:WebhookBaseUrl must not carry user:password; Twilio drops it before signing.");
        }
    }

    private static void CheckTimings(List<string> errors, TwilioOptions options)
    {
        if (options.ValidityPeriod < TimeSpan.FromSeconds(1) || options.ValidityPeriod > MaxValidityPeriod
            || options.ValidityPeriod.Ticks % TimeSpan.TicksPerSecond != 0)
        {
            errors.Add("Twilio:ValidityPeriod must be whole seconds between 00:00:01 and 10:00:00.");
        }

        if (options.RequestTimeout < TimeSpan.FromSeconds(1) || options.RequestTimeout > TimeSpan.FromMinutes(2))
        {
            errors.Add("Twilio:RequestTimeout must be between 00:00:01 and 00:02:00.");
        }

        if (options.ConnectTimeout < TimeSpan.FromMilliseconds(100) || options.ConnectTimeout >= options.RequestTimeout)
        {
            errors.Add("Twilio:ConnectTimeout must be at least 100 ms and shorter than Twilio:RequestTimeout.");
        }

        if (options.MaxAttempts is < 1 or > 6)
        {
            errors.Add("Twilio:MaxAttempts must be between 1 and 6.");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.RetryBaseDelay > TimeSpan.FromSeconds(30))
        {
            errors.Add("Twilio:RetryBaseDelay must be between 00:00:00 and 00:00:30.");
        }

        if (options.MaxRetryDelay < options.RetryBaseDelay || options.MaxRetryDelay > TimeSpan.FromMinutes(1))
        {
            errors.Add("Twilio:MaxRetryDelay must be at least Twilio:RetryBaseDelay and at most 00:01:00.");
        }
    }

    private static void CheckSid(List<string> errors, string setting, string? value, string prefix)
    {
        if (string.IsNullOrEmpty(value))
        {
            errors.Add($"Twilio:{setting} is required.");
            return;
        }

        if (!value.StartsWith(prefix, StringComparison.Ordinal) || !SidPattern().IsMatch(value))
        {
            errors.Add($"Twilio:{setting} must be '{prefix}' followed by 32 hexadecimal digits (34 characters).");
        }
    }

    private static bool IsHttpUrl(string? value, out Uri uri)
    {
        uri = null!;
        if (string.IsNullOrWhiteSpace(value) || !Uri.TryCreate(value, UriKind.Absolute, out var parsed))
        {
            return false;
        }

        uri = parsed;
        return parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp;
    }

    [GeneratedRegex("^[A-Z]{2}[0-9a-fA-F]{32}$", RegexOptions.CultureInvariant)]
    private static partial Regex SidPattern();
}
