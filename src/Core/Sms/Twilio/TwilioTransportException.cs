namespace Reminders.Core.Sms.Twilio;

/// <summary>The call to Twilio broke down without an HTTP answer we could read. <see cref="Failure"/> says how far it got.</summary>
public sealed class TwilioTransportException : Exception
{
    public TwilioTransportException()
        : this("The call to Twilio failed.")
    {
    }

    public TwilioTransportException(string message)
        : base(message)
    {
    }

    public TwilioTransportException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TwilioTransportException(TwilioTransportFailure failure, string message, Exception? innerException)
        : base(message, innerException)
    {
        Failure = failure;
    }

    /// <summary>How far the call got.</summary>
    public TwilioTransportFailure Failure { get; }

    /// <summary>Whether Twilio may have received the request (and so may have created the message).</summary>
    public bool RequestMayHaveArrived => Failure != TwilioTransportFailure.NotSent;
}

/// <summary>How a call to Twilio broke down.</summary>
public enum TwilioTransportFailure
{
    /// <summary>No connection was made (refused, DNS, TLS handshake, connect timeout): the request never left.</summary>
    NotSent,

    /// <summary>The request timeout ran out after the connection was opened; Twilio may have created the message.</summary>
    TimedOut,

    /// <summary>The connection broke while sending or before the whole answer arrived; Twilio may have created the message.</summary>
    ResponseLost,

    /// <summary>Twilio answered with success but the body could not be read; the message exists but its SID is unknown.</summary>
    UnreadableSuccess,
}
