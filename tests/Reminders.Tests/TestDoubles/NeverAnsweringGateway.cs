using System.Collections.Concurrent;
using Microsoft.AspNetCore.Http;
using Reminders.Core.Sms;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// An SMS gateway that never answers: every send is recorded and then waits until it is cancelled. With an
/// <see cref="IHttpContextAccessor"/> it also records whether the send ran inside an HTTP request.
/// </summary>
internal sealed class NeverAnsweringGateway(IHttpContextAccessor? http = null) : ISmsGateway
{
    private readonly TaskCompletionSource _called = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _calledInRequest = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Name => "never-answers";

    /// <summary>Every send, in order, and whether an HTTP request was in progress on its async flow.</summary>
    public ConcurrentQueue<(OutboundSms Sms, bool InRequest)> Calls { get; } = new();

    /// <summary>Completes at the first send made outside any HTTP request.</summary>
    public Task Called => _called.Task;

    /// <summary>Completes at the first send made inside an HTTP request (the signup must never do that).</summary>
    public Task CalledInRequest => _calledInRequest.Task;

    public async Task<SmsSendResult> SendAsync(OutboundSms message, CancellationToken cancellationToken)
    {
        var inRequest = http?.HttpContext is not null;
        Calls.Enqueue((message, inRequest));
        (inRequest ? _calledInRequest : _called).TrySetResult();
        var never = new TaskCompletionSource<SmsSendResult>(TaskCreationOptions.RunContinuationsAsynchronously);
        await using var registration = cancellationToken.Register(() => never.TrySetCanceled(cancellationToken));
        return await never.Task;
    }
}
