using System.Net;

namespace Reminders.Core.Sms.Twilio;

/// <summary>
/// What one SDK call needs and leaves behind, carried to <see cref="TwilioCallHandler"/> through the async flow,
/// because <c>MessageResource.CreateAsync</c> takes no <see cref="CancellationToken"/> and its
/// <c>ApiException</c> carries neither the HTTP status of a non-JSON error (Status is 0 then) nor <c>Retry-After</c>.
/// </summary>
internal sealed class TwilioCall(CancellationToken cancellationToken)
{
    private static readonly AsyncLocal<TwilioCall?> CurrentCall = new();

    /// <summary>The call in progress on this async flow, if any.</summary>
    public static TwilioCall? Current => CurrentCall.Value;

    /// <summary>The caller's token; the handler links the request timeout to it.</summary>
    public CancellationToken CancellationToken { get; } = cancellationToken;

    /// <summary>The HTTP status of the answer, once one arrived.</summary>
    public HttpStatusCode? Status { get; set; }

    /// <summary>The server's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; set; }

    /// <summary>Makes <paramref name="call"/> current for the flow until the returned scope is disposed.</summary>
    public static Scope Begin(TwilioCall call)
    {
        var previous = CurrentCall.Value;
        CurrentCall.Value = call;
        return new Scope(previous);
    }

    internal readonly struct Scope(TwilioCall? previous) : IDisposable
    {
        public void Dispose() => CurrentCall.Value = previous;
    }
}
