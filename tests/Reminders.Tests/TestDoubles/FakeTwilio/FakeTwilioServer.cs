using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Reminders.Core.Prompts;

namespace Reminders.Tests.TestDoubles.FakeTwilio;

/// <summary>
/// A loopback stand-in for <c>api.twilio.com</c> (Kestrel on 127.0.0.1, port chosen by the OS). It answers
/// <c>POST /2010-04-01/Accounts/{AccountSid}/Messages.json</c> the way Twilio does: exact Basic auth (401/20003
/// otherwise), Twilio's form validation (21604, 21211, 21603, 21606, 21602, 21617, 21609, 90007), 201 with a
/// realistic Message body (string counts, RFC 2822 dates), and Twilio's error JSON. It records every request and
/// created message, injects faults on demand (<see cref="EnqueueFaults"/>, <see cref="FailRandomly"/>) and builds
/// signed inbound and status webhooks for the app under test (<see cref="Inbound"/>, <see cref="Status"/>).
/// </summary>
public sealed partial class FakeTwilioServer : IAsyncDisposable
{
    public const string DefaultAccountSid = "ACa1b2c3d4e5f60718293a4b5c6d7e8f90";
    public const string DefaultAuthToken = "0123456789abcdef0123456789abcdef";
    public const string DefaultApiKeySid = "SKf0e1d2c3b4a5968778695a4b3c2d1e0f";
    public const string DefaultApiKeySecret = "fake-api-key-secret-0123456789ab";
    public const string DefaultFrom = "+15005550006";
    public const string DefaultMessagingServiceSid = "MG00112233445566778899aabbccddeeff";

    private const string ErrorDocs = "https://www.twilio.com/docs/errors/";

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentQueue<FakeTwilioFault> _queuedFaults = new();
    private readonly ConcurrentQueue<FakeTwilioMessage> _messages = new();
    private readonly ConcurrentQueue<FakeTwilioRequest> _requests = new();
    private readonly ConcurrentDictionary<string, FakeTwilioFault> _recipientFaults = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly List<(int Count, TaskCompletionSource Done)> _requestWaiters = [];
    private Random? _random;
    private double _failureRate;
    private FakeTwilioFault[] _failureMix = [];
    private int _requestCount;

    private FakeTwilioServer(WebApplication app) => _app = app;

    public string AccountSid { get; init; } = DefaultAccountSid;

    public string AuthToken { get; init; } = DefaultAuthToken;

    public string ApiKeySid { get; init; } = DefaultApiKeySid;

    public string ApiKeySecret { get; init; } = DefaultApiKeySecret;

    /// <summary>Numbers the account owns; a <c>From</c> outside this list gets 21606.</summary>
    public IReadOnlyList<string> OwnedNumbers { get; init; } = [DefaultFrom];

    /// <summary>The clock for <c>date_created</c> and webhook dates; the system clock unless a test sets one.</summary>
    public TimeProvider Time { get; set; } = TimeProvider.System;

    /// <summary><c>http://127.0.0.1:{port}</c>: use as <c>Twilio:ApiBaseUrl</c>.</summary>
    public string BaseUrl { get; private set; } = string.Empty;

    /// <summary>Messages created, in order.</summary>
    public IReadOnlyList<FakeTwilioMessage> Messages => [.. _messages];

    /// <summary>Every request that reached the create route, in arrival order.</summary>
    public IReadOnlyList<FakeTwilioRequest> Requests => [.. _requests];

    /// <summary>Starts a fake on a free loopback port.</summary>
    public static async Task<FakeTwilioServer> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { EnvironmentName = "Testing" });
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTwilioServer(app);
        app.MapPost("/2010-04-01/Accounts/{accountSid}/Messages.json", server.CreateMessageAsync);
        app.MapFallback((HttpContext context) => Error(context, StatusCodes.Status404NotFound, 20404,
            $"The requested resource {context.Request.Path} was not found"));
        await app.StartAsync(cancellationToken);
        server.BaseUrl = app.Urls.Single().TrimEnd('/');
        return server;
    }

    /// <summary>The next requests get these faults, one each, in order (after the auth check).</summary>
    public void EnqueueFaults(params FakeTwilioFault[] faults)
    {
        foreach (var fault in faults)
        {
            _queuedFaults.Enqueue(fault);
        }
    }

    /// <summary>Each request fails with probability <paramref name="rate"/>, with a fault drawn from <paramref name="mix"/>; seeded, so repeatable.</summary>
    public void FailRandomly(double rate, int seed, params FakeTwilioFault[] mix)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(rate);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(rate, 1);
        ArgumentOutOfRangeException.ThrowIfZero(mix.Length);
        lock (_gate)
        {
#pragma warning disable CA5394 // A seeded, repeatable fault mix is the point.
            _random = new Random(seed);
#pragma warning restore CA5394
            _failureRate = rate;
            _failureMix = mix;
        }
    }

    /// <summary>Every send to <paramref name="to"/> fails with <paramref name="fault"/> (for example a number that opted out).</summary>
    public void FailRecipient(string to, FakeTwilioFault fault) => _recipientFaults[to] = fault;

    /// <summary>Completes once <paramref name="count"/> requests have reached the create route (a signal, not a timed wait).</summary>
    public Task WaitForRequestsAsync(int count, CancellationToken cancellationToken)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_requestCount >= count)
            {
                return Task.CompletedTask;
            }

            _requestWaiters.Add((count, done));
        }

        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>
    /// An inbound SMS from <paramref name="from"/> to our number, signed for <paramref name="webhookBaseUrl"/> +
    /// <paramref name="path"/>. <paramref name="optOutType"/> is what Advanced Opt-Out adds (STOP/START/HELP).
    /// </summary>
    public FakeTwilioWebhook Inbound(
        string webhookBaseUrl, string from, string body, string? optOutType = null, string? messageSid = null, string path = "/api/sms/inbound")
    {
        var sid = messageSid ?? NewSid("SM");
        var form = new List<KeyValuePair<string, string>>
        {
            new("ToCountry", "US"), new("ToState", "CA"), new("SmsMessageSid", sid), new("NumMedia", "0"), new("ToCity", ""),
            new("FromZip", "94105"), new("SmsSid", sid), new("FromState", "CA"), new("SmsStatus", "received"),
            new("FromCity", "SAN FRANCISCO"), new("Body", body), new("FromCountry", "US"), new("To", OwnedNumbers[0]),
            new("MessagingServiceSid", DefaultMessagingServiceSid), new("ToZip", ""),
            new("NumSegments", SmsSegmentCounter.Count(body).Segments.ToString(CultureInfo.InvariantCulture)),
            new("MessageSid", sid), new("AccountSid", AccountSid), new("From", from), new("ApiVersion", "2010-04-01"),
        };
        if (optOutType is not null)
        {
            form.Insert(15, new("OptOutType", optOutType));
        }

        return Signed(new Uri(webhookBaseUrl.TrimEnd('/') + path), form);
    }

    /// <summary>
    /// A status callback for <paramref name="message"/> to the <c>StatusCallback</c> it was sent with, signed for
    /// exactly that URL. <paramref name="errorCode"/> goes with failed/undelivered.
    /// </summary>
    public FakeTwilioWebhook Status(FakeTwilioMessage message, string status, int? errorCode = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        var url = message.StatusCallback ?? throw new InvalidOperationException($"Message {message.Sid} was sent without a StatusCallback.");
        var form = new List<KeyValuePair<string, string>>
        {
            new("SmsSid", message.Sid), new("SmsStatus", status), new("MessageStatus", status), new("To", message.To),
            new("MessageSid", message.Sid), new("AccountSid", AccountSid), new("From", message.From ?? OwnedNumbers[0]),
            new("ApiVersion", "2010-04-01"),
        };
        if (message.MessagingServiceSid is not null)
        {
            form.Add(new("MessagingServiceSid", message.MessagingServiceSid));
        }

        if (errorCode is not null)
        {
            form.Add(new("ErrorCode", errorCode.Value.ToString(CultureInfo.InvariantCulture)));
        }

        if (status is "delivered" or "undelivered")
        {
            form.Add(new("RawDlrDoneDate", Time.GetUtcNow().ToString("yyMMddHHmm", CultureInfo.InvariantCulture)));
        }

        return Signed(new Uri(url), form);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private FakeTwilioWebhook Signed(Uri url, List<KeyValuePair<string, string>> form) =>
        new(url, form, FakeTwilioSigner.Sign(AuthToken, url.OriginalString, form));

    private async Task CreateMessageAsync(HttpContext context, string accountSid)
    {
        var form = context.Request.HasFormContentType
            ? (await context.Request.ReadFormAsync(context.RequestAborted)).ToDictionary(p => p.Key, p => p.Value.ToString(), StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var authorization = context.Request.Headers.Authorization.ToString();
        var authUser = Authenticate(authorization, accountSid);
        var fault = authUser is null ? FakeTwilioFault.None : NextFault(form);
        var request = new FakeTwilioRequest(
            0, context.Request.Path, authorization.Length == 0 ? null : authorization, context.Request.ContentType,
            context.Request.Headers.Accept.ToString(), form, fault);
        if (fault == FakeTwilioFault.AcceptThenHang)
        {
            // Signalled only once its message exists: a test that waits for the request and then times the client out
            // must find the message created, as Twilio would have.
            await AcceptThenHangAsync(context, form, authUser!, request);
            return;
        }

        Record(request);

        if (authUser is null)
        {
            context.Response.Headers.WWWAuthenticate = "Basic realm=\"Twilio API\"";
            await Error(context, StatusCodes.Status401Unauthorized, 20003, "Authenticate");
            return;
        }

        switch (fault)
        {
            case FakeTwilioFault.TooManyRequests:
                await Error(context, StatusCodes.Status429TooManyRequests, 20429, "Too Many Requests");
                return;
            case FakeTwilioFault.InternalServerError:
                await Error(context, StatusCodes.Status500InternalServerError, 20500, "Internal Server Error");
                return;
            case FakeTwilioFault.ServiceUnavailable:
                await Error(context, StatusCodes.Status503ServiceUnavailable, 20503, "Service Unavailable");
                return;
            case FakeTwilioFault.BadGateway or FakeTwilioFault.GatewayTimeout:
                context.Response.StatusCode = fault == FakeTwilioFault.BadGateway ? 502 : 504;
                context.Response.ContentType = "text/html";
                await context.Response.WriteAsync("<html><body><h1>Gateway error</h1></body></html>", context.RequestAborted);
                return;
            case FakeTwilioFault.Hang:
                await HangAsync(context);
                return;
            case FakeTwilioFault.AbortConnection:
                context.Abort();
                return;
        }

        if (Validate(form) is { } invalid)
        {
            await Error(context, StatusCodes.Status400BadRequest, invalid.Code, invalid.Message);
            return;
        }

        var to = form["To"];
        switch (fault)
        {
            case FakeTwilioFault.OptedOut:
                await Error(context, StatusCodes.Status400BadRequest, 21610, "Attempt to send to unsubscribed recipient");
                return;
            case FakeTwilioFault.InvalidNumber:
                await Error(context, StatusCodes.Status400BadRequest, 21211, $"The 'To' number {to} is not a valid phone number.");
                return;
            case FakeTwilioFault.NotMobile:
                await Error(context, StatusCodes.Status400BadRequest, 21614, $"'To' number {to} is not a valid mobile number");
                return;
        }

        var message = Create(form, authUser);
        context.Response.StatusCode = StatusCodes.Status201Created;
        context.Response.ContentType = "application/json; charset=utf-8";
        await context.Response.WriteAsync(Resource(message), context.RequestAborted);
    }

    private async Task AcceptThenHangAsync(HttpContext context, Dictionary<string, string> form, string authUser, FakeTwilioRequest request)
    {
        if (Validate(form) is { } invalid)
        {
            Record(request);
            await Error(context, StatusCodes.Status400BadRequest, invalid.Code, invalid.Message);
            return;
        }

        Create(form, authUser);
        Record(request);
        await HangAsync(context);
    }

    /// <summary>The user name of the credential pair that matches exactly, or null.</summary>
    private string? Authenticate(string authorization, string accountSid)
    {
        if (accountSid != AccountSid)
        {
            return null;
        }

        foreach (var (user, password) in new[] { (AccountSid, AuthToken), (ApiKeySid, ApiKeySecret) })
        {
            if (authorization == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password)))
            {
                return user;
            }
        }

        return null;
    }

    private FakeTwilioFault NextFault(Dictionary<string, string> form)
    {
        if (_queuedFaults.TryDequeue(out var queued))
        {
            return queued;
        }

        if (form.TryGetValue("To", out var to) && _recipientFaults.TryGetValue(to, out var scripted))
        {
            return scripted;
        }

        lock (_gate)
        {
#pragma warning disable CA5394 // seeded test randomness
            return _random is not null && _random.NextDouble() < _failureRate
                ? _failureMix[_random.Next(_failureMix.Length)]
                : FakeTwilioFault.None;
#pragma warning restore CA5394
        }
    }

    private (int Code, string Message)? Validate(Dictionary<string, string> form)
    {
        var to = form.GetValueOrDefault("To");
        var from = form.GetValueOrDefault("From");
        var service = form.GetValueOrDefault("MessagingServiceSid");
        var body = form.GetValueOrDefault("Body");
        if (string.IsNullOrEmpty(to))
        {
            return (21604, "A 'To' phone number is required.");
        }

        if (!E164().IsMatch(to))
        {
            return (21211, $"The 'To' number {to} is not a valid phone number.");
        }

        if (string.IsNullOrEmpty(from) && string.IsNullOrEmpty(service))
        {
            return (21603, "A 'From' phone number is required.");
        }

        if (!string.IsNullOrEmpty(service) && !ServiceSid().IsMatch(service))
        {
            return (21701, $"The Messaging Service Sid {service} is invalid.");
        }

        if (!string.IsNullOrEmpty(from) && !OwnedNumbers.Contains(from))
        {
            return (21606, $"The From phone number {from} is not a valid, SMS-capable inbound phone number or short code for your account.");
        }

        if (string.IsNullOrEmpty(body))
        {
            return (21602, "Message body is required.");
        }

        if (body.Length > 1600)
        {
            return (21617, "The concatenated message body exceeds the 1600 character limit.");
        }

        if (form.TryGetValue("StatusCallback", out var callback)
            && (!Uri.TryCreate(callback, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Contains('_', StringComparison.Ordinal)))
        {
            return (21609, $"The StatusCallback URL {callback} is not a valid URL.");
        }

        if (form.TryGetValue("ValidityPeriod", out var validity)
            && (!int.TryParse(validity, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds is < 1 or > 36000))
        {
            return (90007, "ValidityPeriod must be an integer between 1 and 36000.");
        }

        return null;
    }

    private FakeTwilioMessage Create(Dictionary<string, string> form, string authUser)
    {
        var message = new FakeTwilioMessage(
            NewSid("SM"),
            form["To"],
            form.GetValueOrDefault("From"),
            form.GetValueOrDefault("MessagingServiceSid"),
            form["Body"],
            form.GetValueOrDefault("StatusCallback"),
            form.GetValueOrDefault("ValidityPeriod"),
            authUser,
            Time.GetUtcNow(),
            form);
        _messages.Enqueue(message);
        return message;
    }

    private string Resource(FakeTwilioMessage message)
    {
        var date = message.CreatedAt.ToUniversalTime().ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
        var uri = $"/2010-04-01/Accounts/{AccountSid}/Messages/{message.Sid}";
        var viaService = message.MessagingServiceSid is not null;
        var resource = new Dictionary<string, object?>
        {
            ["account_sid"] = AccountSid,
            ["api_version"] = "2010-04-01",
            ["body"] = message.Body,
            ["date_created"] = date,
            ["date_sent"] = null,
            ["date_updated"] = date,
            ["direction"] = "outbound-api",
            ["error_code"] = null,
            ["error_message"] = null,
            ["from"] = message.From,
            ["messaging_service_sid"] = message.MessagingServiceSid,
            ["num_media"] = "0",
            ["num_segments"] = viaService ? "0" : SmsSegmentCounter.Count(message.Body).Segments.ToString(CultureInfo.InvariantCulture),
            ["price"] = null,
            ["price_unit"] = null,
            ["sid"] = message.Sid,
            ["status"] = viaService ? "accepted" : "queued",
            ["subresource_uris"] = new Dictionary<string, string> { ["media"] = uri + "/Media.json" },
            ["to"] = message.To,
            ["uri"] = uri + ".json",
        };
        return JsonSerializer.Serialize(resource);
    }

    /// <summary>Requests the fake is hanging on right now (not yet given up by the client).</summary>
    public int Hanging => Volatile.Read(ref _hanging);

    private int _hanging;

    private async Task HangAsync(HttpContext context)
    {
        // Never answers: waits for the client to give up or the fake to stop, then drops the connection.
        var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Increment(ref _hanging);
        try
        {
            using (context.RequestAborted.Register(() => released.TrySetResult()))
            using (_stopping.Token.Register(() => released.TrySetResult()))
            {
                await released.Task;
            }
        }
        finally
        {
            Interlocked.Decrement(ref _hanging);
        }

        context.Abort();
    }

    private void Record(FakeTwilioRequest request)
    {
        List<TaskCompletionSource> ready;
        lock (_gate)
        {
            _requestCount++;
            _requests.Enqueue(request with { Number = _requestCount });
            ready = [.. _requestWaiters.Where(w => w.Count <= _requestCount).Select(w => w.Done)];
            _requestWaiters.RemoveAll(w => w.Count <= _requestCount);
        }

        foreach (var done in ready)
        {
            done.TrySetResult();
        }
    }

    private static Task Error(HttpContext context, int status, int code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["code"] = code,
            ["message"] = message,
            ["more_info"] = ErrorDocs + code.ToString(CultureInfo.InvariantCulture),
            ["status"] = status,
        });
        return context.Response.WriteAsync(body, context.RequestAborted);
    }

    private static string NewSid(string prefix) => prefix + RandomNumberGenerator.GetHexString(32, lowercase: true);

    [GeneratedRegex(@"^\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();

    [GeneratedRegex("^MG[0-9a-fA-F]{32}$")]
    private static partial Regex ServiceSid();
}
