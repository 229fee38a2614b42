using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Sms;

/// <summary>
/// Twilio's webhooks: <c>POST /api/sms/inbound</c> (replies, answered with TwiML) and <c>POST /api/sms/status</c>
/// (delivery receipts, answered 200 with no body). Both are form-encoded and signed; see <see cref="TwilioWebhookVerifier"/>.
/// </summary>
internal static class SmsEndpoints
{
    internal static async Task<Results<ContentHttpResult, ValidationProblem, ProblemHttpResult>> InboundAsync(
        HttpContext http,
        TwilioWebhookVerifier verifier,
        ConversationService conversations,
        IOptions<SignupOptions> signup,
        CancellationToken cancellationToken)
    {
        var (form, rejection) = await verifier.VerifyAsync(http.Request, cancellationToken);
        if (rejection is not null)
        {
            return rejection;
        }

        var errors = new FieldErrors();
        if (SmsWebhookForms.Inbound(form!, signup.Value, errors) is not { } sms)
        {
            return TypedResults.ValidationProblem(errors, title: "The inbound message is not valid.");
        }

        var result = await conversations.HandleAsync(sms, cancellationToken);
        return TypedResults.Text(TwimlResponse.Message(result.Reply), TwimlResponse.ContentType, Encoding.UTF8, StatusCodes.Status200OK);
    }

    internal static async Task<Results<Ok, ValidationProblem, ProblemHttpResult>> StatusAsync(
        HttpContext http,
        TwilioWebhookVerifier verifier,
        StatusCallbackService callbacks,
        IOptions<SignupOptions> signup,
        CancellationToken cancellationToken)
    {
        var (form, rejection) = await verifier.VerifyAsync(http.Request, cancellationToken);
        if (rejection is not null)
        {
            return rejection;
        }

        var errors = new FieldErrors();
        if (SmsWebhookForms.Status(http.Request.Query, form!, signup.Value, errors) is not { } callback)
        {
            return TypedResults.ValidationProblem(errors, title: "The status callback is not valid.");
        }

        await callbacks.HandleAsync(callback, cancellationToken);
        return TypedResults.Ok();
    }
}
