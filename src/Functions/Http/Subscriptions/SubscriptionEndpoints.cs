using Reminders.Core.Privacy;
using Reminders.Core.Delivery;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Functions.Http.Admin;

namespace Reminders.Functions.Http.Subscriptions;

internal static class SubscriptionEndpoints
{
    private const int MaxPageSize = 200;

    internal static async Task<Results<Accepted<SignupAccepted>, ValidationProblem>> SignUpAsync(
        HttpContext http, SubscriptionService subscriptions, IConfirmationOutbox outbox, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync<SignupBody>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var request = body!.ToRequest(http.Connection.RemoteIpAddress?.ToString());
        var result = await subscriptions.SignUpAsync(request, outbox, cancellationToken);
        if (result.Outcome == SignupOutcome.Invalid)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "The signup is not valid.");
        }

        return TypedResults.Accepted((string?)null, SignupAccepted.For(result));
    }

    internal static async Task<Results<Ok<SubscriberPage>, ValidationProblem>> ListAsync(
        string? status, int? pageSize, string? continuationToken, SubscriptionService subscriptions, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var parsed = status is null ? null : SubscriptionInput.Status(status, errors);
        var size = pageSize ?? 50;
        if (size is < 1 or > MaxPageSize)
        {
            errors.Add("pageSize", $"pageSize must be between 1 and {MaxPageSize}.");
        }

        if (continuationToken is { Length: > 1024 })
        {
            errors.Add("continuationToken", "The continuation token is not valid.");
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        Page<Subscriber> page;
        try
        {
            page = await subscriptions.ListAsync(parsed, size, continuationToken, cancellationToken);
        }
        catch (ArgumentException)
        {
            return JsonBody.Invalid("continuationToken", "The continuation token is not valid.");
        }

        return TypedResults.Ok(new SubscriberPage([.. page.Items.Select(SubscriberView.From)], page.ContinuationToken));
    }

    internal static async Task<Results<Ok<SubscriberView>, ProblemHttpResult, ValidationProblem>> GetAsync(
        string phone, SubscriptionService subscriptions, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        var stored = await subscriptions.GetAsync(number, cancellationToken);
        return stored is null ? NotFound(number) : TypedResults.Ok(SubscriberView.From(stored.Value));
    }

    internal static async Task<Results<Ok<SubscriberView>, ProblemHttpResult, ValidationProblem>> PatchAsync(
        string phone, HttpContext http, SubscriptionService subscriptions, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        var (body, problem) = await JsonBody.ReadAsync<SubscriptionPatchBody>(http.Request, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var changes = body!.ToChanges();
        var result = await subscriptions.UpdateAsync(number, changes, http.AdminName(), cancellationToken);
        if (result.Errors.Count > 0)
        {
            return TypedResults.ValidationProblem(result.Errors, title: "The change is not valid.");
        }

        return result.Subscriber is { } stored ? TypedResults.Ok(SubscriberView.From(stored.Value)) : NotFound(number);
    }

    internal static async Task<Results<NoContent, ProblemHttpResult, ValidationProblem>> DeleteAsync(
        string phone, HttpContext http, SubscriptionService subscriptions, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        return await subscriptions.EraseAsync(number, http.AdminName(), cancellationToken) ? TypedResults.NoContent() : NotFound(number);
    }

    internal static async Task<Results<Ok<IReadOnlyList<MessageView>>, ValidationProblem>> MessagesAsync(
        string phone, int? max, IMessageLog messages, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        if (max is < 1 or > 500)
        {
            return JsonBody.Invalid("max", "max must be between 1 and 500.");
        }

        var list = await messages.ListAsync(number, max ?? 100, cancellationToken);
        return TypedResults.Ok<IReadOnlyList<MessageView>>([.. list.Select(MessageView.From)]);
    }

    internal static async Task<Results<Ok<PersonalDataView>, ProblemHttpResult, ValidationProblem>> ExportAsync(
        string phone, PersonalDataService privacy, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        return await privacy.ExportAsync(number, cancellationToken) is { } export
            ? TypedResults.Ok(PersonalDataView.From(export))
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nothing held", detail: $"Nothing is held on {number.Masked}.");
    }

    internal static async Task<Results<Ok<QuarantineReleaseView>, ProblemHttpResult, ValidationProblem>> ReleaseAsync(
        string phone, HttpContext http, ScanQuarantineService quarantine, IOptions<SignupOptions> signup, CancellationToken cancellationToken)
    {
        if (ParsePhone(phone, signup.Value) is not { } number)
        {
            return InvalidPhone();
        }

        var result = await quarantine.ReleaseAsync(number, http.AdminName(), cancellationToken);
        return result.Outcome switch
        {
            QuarantineReleaseOutcome.Released => TypedResults.Ok(new QuarantineReleaseView("released", result.NextDueUtc, null)),
            QuarantineReleaseOutcome.StillBroken => TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Still cannot be scheduled", detail: result.Reason),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Not quarantined", detail: $"{number.Masked} is not in the scan quarantine."),
        };
    }

    private static PhoneNumber? ParsePhone(string value, SignupOptions signup) =>
        PhoneNumber.TryFromE164(value, out var stored, out _) ? stored
        : PhoneNumber.TryParse(value, signup.DefaultCountryCode, out var phone, out _) ? phone
        : null;

    private static ValidationProblem InvalidPhone() =>
        JsonBody.Invalid("phone", "The phone number in the path is not valid; use E.164, for example %2B15551230123.");

    private static ProblemHttpResult NotFound(PhoneNumber phone) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "No such subscriber",
            detail: $"No subscriber has the number {phone.Masked}.");
}
