using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Reminders.Core.Delivery;
using Reminders.Core.Privacy;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Subscriptions;

namespace Reminders.Functions.Functions;

/// <summary>
/// <c>/api/subscriptions</c>: the public signup (rate-limited per client address) and the admin API to page through,
/// read, change and erase subscribers and read their messages.
/// </summary>
internal sealed class SubscriptionFunctions(
    HttpPipeline pipeline,
    SubscriptionService subscriptions,
    IMessageLog messages,
    IOptions<SignupOptions> signup,
    PersonalDataService privacy,
    ScanQuarantineService quarantine)
{
    [Function("ExportSubscription")]
    public Task<IResult> ExportAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subscriptions/{phone}/export")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (_, ct) => await SubscriptionEndpoints.ExportAsync(phone, privacy, signup, ct));

    [Function("ListScanQuarantine")]
    public Task<IResult> ListQuarantineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/quarantine")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (_, ct) =>
            TypedResults.Ok<IReadOnlyList<QuarantineView>>([.. (await quarantine.ListAsync(ct)).Select(QuarantineView.From)]));

    [Function("ReleaseScanQuarantine")]
    public Task<IResult> ReleaseQuarantineAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/quarantine/{phone}/release")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await SubscriptionEndpoints.ReleaseAsync(phone, http, quarantine, signup, ct));

    /// <summary>Answers 202 at once; the confirmation text, if any, leaves through the <c>confirmations</c> queue output.</summary>
    [Function("SignUp")]
    public async Task<SignUpOutput> SignUpAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/subscriptions")] HttpRequest req)
    {
        var handOff = new ConfirmationHandOff();
        var result = await pipeline.RunAsync(req, HttpAccess.Signup, async (http, ct) => await SubscriptionEndpoints.SignUpAsync(http, subscriptions, handOff, ct));
        return new SignUpOutput { Result = result, Confirmation = handOff.Message };
    }

    [Function("ListSubscriptions")]
    public Task<IResult> ListAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subscriptions")] HttpRequest req) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) =>
        {
            if (!Query.TryNumber(http, "pageSize", out var pageSize))
            {
                return JsonBody.Invalid("pageSize", "pageSize must be a whole number.");
            }

            return await SubscriptionEndpoints.ListAsync(
                Query.Text(http, "status"), pageSize, Query.Text(http, "continuationToken"), subscriptions, ct);
        });

    [Function("GetSubscription")]
    public Task<IResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subscriptions/{phone}")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (_, ct) => await SubscriptionEndpoints.GetAsync(phone, subscriptions, signup, ct));

    [Function("UpdateSubscription")]
    public Task<IResult> UpdateAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "patch", Route = "api/subscriptions/{phone}")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await SubscriptionEndpoints.PatchAsync(phone, http, subscriptions, signup, ct));

    [Function("EraseSubscription")]
    public Task<IResult> EraseAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/subscriptions/{phone}")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) => await SubscriptionEndpoints.DeleteAsync(phone, http, subscriptions, signup, ct));

    [Function("ListSubscriptionMessages")]
    public Task<IResult> MessagesAsync(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/subscriptions/{phone}/messages")] HttpRequest req, string phone) =>
        pipeline.RunAsync(req, HttpAccess.Admin, async (http, ct) =>
        {
            if (!Query.TryNumber(http, "max", out var max))
            {
                return JsonBody.Invalid("max", "max must be between 1 and 500.");
            }

            return await SubscriptionEndpoints.MessagesAsync(phone, max, messages, signup, ct);
        });
}
