using Microsoft.Azure.Functions.Worker;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Functions;

/// <summary>
/// What the SignUp function returns: the HTTP answer, and the confirmation it hands off, which the host writes to the
/// <c>confirmations</c> queue after the function has returned (the standalone runner writes it to the in-process queue).
/// The request itself never waits for a text.
/// </summary>
internal sealed class SignUpOutput
{
    [HttpResult]
    public required IResult Result { get; init; }

    /// <summary>Null when the signup hands nothing off (invalid, refused, or held for quiet hours).</summary>
    [QueueOutput(ConfirmationMessages.QueueName)]
    public ConfirmationMessage? Confirmation { get; init; }
}
