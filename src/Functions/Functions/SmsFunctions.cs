using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Subscribers;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Sms;

namespace Reminders.Functions.Functions;

/// <summary>
/// Twilio's signed webhooks: <c>POST /api/sms/inbound</c> (replies, TwiML) and <c>POST /api/sms/status</c>
/// (delivery receipts). The signature check is in <see cref="TwilioWebhookVerifier"/>.
/// </summary>
internal sealed class SmsFunctions(
    HttpPipeline pipeline,
    TwilioWebhookVerifier verifier,
    ConversationService conversations,
    StatusCallbackService callbacks,
    IOptions<SignupOptions> signup)
{
    [Function("SmsInbound")]
    public Task<IResult> InboundAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/inbound")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Public, async (http, ct) => await SmsEndpoints.InboundAsync(http, verifier, conversations, signup, ct));

    [Function("SmsStatus")]
    public Task<IResult> StatusAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/sms/status")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Public, async (http, ct) => await SmsEndpoints.StatusAsync(http, verifier, callbacks, signup, ct));
}
