namespace Reminders.Tests.TestDoubles.FakeTwilio;

/// <summary>What the fake does to one create-message request instead of (or after) creating the message.</summary>
public enum FakeTwilioFault
{
    /// <summary>Behave like Twilio.</summary>
    None,

    /// <summary>429 with code 20429: never processed.</summary>
    TooManyRequests,

    /// <summary>500 with code 20500.</summary>
    InternalServerError,

    /// <summary>502 with an HTML body, as a load balancer would answer.</summary>
    BadGateway,

    /// <summary>503 with code 20503, before the message is created.</summary>
    ServiceUnavailable,

    /// <summary>504 with an HTML body.</summary>
    GatewayTimeout,

    /// <summary>Read the request, create nothing, never answer (until the client gives up or the server stops).</summary>
    Hang,

    /// <summary>Create the message, then never answer: the case that makes a retry send a duplicate.</summary>
    AcceptThenHang,

    /// <summary>Read the request, create nothing, reset the connection.</summary>
    AbortConnection,

    /// <summary>400 with code 21610 (recipient replied STOP).</summary>
    OptedOut,

    /// <summary>400 with code 21211 (invalid 'To' number).</summary>
    InvalidNumber,

    /// <summary>400 with code 21614 ('To' is not a mobile number).</summary>
    NotMobile,
}
