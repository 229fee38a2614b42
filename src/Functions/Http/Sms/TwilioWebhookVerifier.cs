using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Reminders.Core.Sms.Twilio;

namespace Reminders.Functions.Http.Sms;

/// <summary>
/// The gate in front of Twilio's webhooks. Webhooks are on only when Twilio is configured with an Auth Token and a
/// <c>Twilio:WebhookBaseUrl</c> (otherwise 404: in dry-run mode nobody can sign a request, so there is nothing to
/// serve). The form is read with tight limits and the <c>X-Twilio-Signature</c> is checked against the configured base
/// URL + the request path + the raw query and every form field, before anything else looks at the request: a missing
/// or wrong signature is 403 and changes nothing.
/// </summary>
internal sealed partial class TwilioWebhookVerifier(IServiceProvider services, IOptions<TwilioOptions> options, ILogger<TwilioWebhookVerifier> logger)
{
    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 200,
        KeyLengthLimit = 200,
        ValueLengthLimit = 16 * 1024,
        BufferBody = false,
    };

    /// <summary>Whether the webhooks are switched on.</summary>
    public bool Enabled =>
        !string.IsNullOrWhiteSpace(options.Value.AccountSid)
        && !string.IsNullOrEmpty(options.Value.AuthToken)
        && !string.IsNullOrEmpty(options.Value.WebhookBaseUrl);

    /// <summary>The verified form, or the problem to answer with (404 off, 403 unsigned or forged).</summary>
    public async Task<(IFormCollection? Form, ProblemHttpResult? Rejection)> VerifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!Enabled)
        {
            return (null, Problem(
                StatusCodes.Status404NotFound,
                "SMS webhooks are off",
                "Twilio is not configured (Twilio:AccountSid, Twilio:AuthToken and Twilio:WebhookBaseUrl), so this service sends no real texts and takes no webhooks."));
        }

        var form = await ReadFormAsync(request, cancellationToken);
        var signature = request.Headers[TwilioWebhooks.SignatureHeader].ToString();
        var fields = form.SelectMany(field => field.Value.Select(value => new KeyValuePair<string, string?>(field.Key, value)));
        var validator = services.GetRequiredService<TwilioSignatureValidator>();
        if (string.IsNullOrEmpty(signature) || !validator.IsValidWebhook(request.Path.Value ?? "/", request.QueryString.Value, fields, signature))
        {
            LogRejected(request.Path.Value ?? "/", signature.Length == 0 ? "missing" : "invalid");
            return (null, Problem(
                StatusCodes.Status403Forbidden,
                "Signature check failed",
                $"The {TwilioWebhooks.SignatureHeader} header is missing or does not match this request."));
        }

        return (form, null);
    }

    /// <summary>The posted form; an unreadable or non-form body reads as no fields (its signature then cannot match).</summary>
    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (!request.HasFormContentType)
        {
            return FormCollection.Empty;
        }

        try
        {
            return await request.ReadFormAsync(Limits, cancellationToken);
        }
        catch (InvalidDataException)
        {
            return FormCollection.Empty;
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Rejected a webhook to {Path}: signature {Reason}")]
    private partial void LogRejected(string path, string reason);
}
