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
    /// <summary>The largest webhook body read. Twilio's are a few kilobytes; anything larger is refused (413) unread.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private const string FormMediaType = "application/x-www-form-urlencoded";

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

        // Twilio posts form-encoded bodies only. Anything else (multipart above all, which the probe used to make the
        // server buffer 28 MB per request before the signature check) is refused before a byte of the body is read.
        if (!IsFormEncoded(request.ContentType))
        {
            CloseAfterResponse(request);
            return (null, Problem(
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"Webhooks are '{FormMediaType}' only."));
        }

        var (form, tooLarge) = await ReadFormAsync(request, cancellationToken);
        if (tooLarge)
        {
            CloseAfterResponse(request);
            return (null, Problem(
                StatusCodes.Status413PayloadTooLarge,
                "Body too large",
                $"A webhook body is at most {MaxBodyBytes} bytes."));
        }

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

    // The rest of a refused body is not drained: Kestrel would otherwise read (and throw away) up to its own limit to
    // keep the connection alive, which is the very work a refusal should spare the server.
    private static void CloseAfterResponse(HttpRequest request) => request.HttpContext.Response.Headers.Connection = "close";

    private static bool IsFormEncoded(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var media)
        && media.MediaType.Equals(FormMediaType, StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Reads at most <see cref="MaxBodyBytes"/> of the body into memory, then parses it as a form. A longer body (by its
    /// Content-Length, or as it streams in) is reported as too large after reading no more than the limit; a body that
    /// is not a well-formed form reads as no fields, so its signature cannot match.
    /// </summary>
    private static async Task<(IFormCollection Form, bool TooLarge)> ReadFormAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return (FormCollection.Empty, true);
        }

        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeLimit)
        {
            sizeLimit.MaxRequestBodySize = MaxBodyBytes;
        }

        var buffer = new byte[MaxBodyBytes + 1];
        var length = 0;
        try
        {
            int read;
            while (length < buffer.Length && (read = await request.Body.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
            {
                length += read;
            }
        }
        catch (BadHttpRequestException ex) when (ex.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (FormCollection.Empty, true);
        }

        if (length > MaxBodyBytes)
        {
            return (FormCollection.Empty, true);
        }

        try
        {
            using var body = new MemoryStream(buffer, 0, length, writable: false);
            using var reader = new Microsoft.AspNetCore.WebUtilities.FormReader(body)
            {
                ValueCountLimit = 200,
                KeyLengthLimit = 200,
                ValueLengthLimit = 16 * 1024,
            };
            return (new FormCollection(await reader.ReadFormAsync(cancellationToken)), false);
        }
        catch (InvalidDataException)
        {
            return (FormCollection.Empty, false);
        }
    }

    private static ProblemHttpResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(new ProblemDetails { Status = status, Title = title, Detail = detail });

    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Rejected a webhook to {Path}: signature {Reason}")]
    private partial void LogRejected(string path, string reason);
}
