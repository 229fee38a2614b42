using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Http;
using Reminders.Functions.Functions;
using Reminders.Tests.Functions;
using Reminders.Tests.Sms.EndToEnd;
using Reminders.Tests.TestDoubles.FakeTwilio;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The HTTP side of the black-box probe (issue 16), in both modes where the behaviour lives in the shared pipeline:
/// webhook bodies (415 for anything but a form, 413 over 64 KB, never 500, no buffering of large bodies), the headers
/// on API answers, and Retry-After on 429.
/// </summary>
public sealed class AbuseProbeHttpTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private static readonly string[] TwilioSettings =
    [
        "Twilio:AccountSid=" + FakeTwilioServer.DefaultAccountSid,
        "Twilio:AuthToken=" + FakeTwilioServer.DefaultAuthToken,
        "Twilio:From=" + FakeTwilioServer.DefaultFrom,
        "Twilio:ApiBaseUrl=http://127.0.0.1:9",
        "Twilio:WebhookBaseUrl=https://nudge.example.com",
        "Program:SupportContact=help@example.org",
    ];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("multipart/form-data; boundary=x")]
    [InlineData("application/json")]
    [InlineData("text/plain")]
    [InlineData(null)]
    public async Task Webhook_NotFormEncoded_415BeforeReadingTheBody_FunctionsMode(string? contentType)
    {
        await using var worker = await WorkerHarness.StartAsync(Start, TwilioSettings);
        var body = new UnreadableStream();

        var response = await worker.InvokeAsync<SmsFunctions>((f, r) => f.InboundAsync(r), r =>
        {
            r.Method = "POST";
            r.Path = "/api/sms/inbound";
            r.ContentType = contentType;
            r.Body = body;
        });

        Assert.Equal(StatusCodes.Status415UnsupportedMediaType, response.Status);
        Assert.False(body.WasRead);
    }

    [Fact]
    public async Task Webhook_DeclaredOver64KB_413Unread_FunctionsMode()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, TwilioSettings);
        var body = new UnreadableStream();

        var response = await worker.InvokeAsync<SmsFunctions>((f, r) => f.StatusAsync(r), r =>
        {
            r.Method = "POST";
            r.Path = "/api/sms/status";
            r.ContentType = "application/x-www-form-urlencoded";
            r.ContentLength = 30 * 1024 * 1024;
            r.Body = body;
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, response.Status);
        Assert.False(body.WasRead);
    }

    [Fact]
    public async Task Webhook_StreamedOver64KBWithoutLength_413AfterAtMostTheLimit_FunctionsMode()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, TwilioSettings);
        var body = new ZeroStream(31L * 1024 * 1024, (byte)'a');

        var response = await worker.InvokeAsync<SmsFunctions>((f, r) => f.InboundAsync(r), r =>
        {
            r.Method = "POST";
            r.Path = "/api/sms/inbound";
            r.ContentType = "application/x-www-form-urlencoded";
            r.Body = body;
        });

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, response.Status);
        Assert.InRange(body.Position, 64 * 1024 + 1, 64 * 1024 + 4096 + 1);
    }

    [Fact]
    public async Task Webhook_EightConcurrent28MBMultipartPosts_RefusedAndWorkingSetGrowsUnder50MB_Standalone()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        // A plain client: the factory's client has a redirect handler that copies every request body into memory.
        using var http = new HttpClient { BaseAddress = h.Http.BaseAddress };
        using var warm = await http.PostAsync("/api/sms/inbound", new StringContent("a=b", Encoding.UTF8, "text/plain"), Ct);
        var before = WorkingSet();
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);

        var statuses = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            using var content = new StreamContent(new ZeroStream(Size(), (byte)'x'));
            content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=probe");
            content.Headers.ContentLength = Size();
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = content };
            request.Headers.TryAddWithoutValidation("X-Twilio-Signature", "AAAAAAAAAAAAAAAAAAAAAAAAAAA=");
            try
            {
                using var response = await http.SendAsync(request, Ct);
                return (int)response.StatusCode;
            }
            catch (HttpRequestException)
            {
                return 0; // the server answered and closed the connection while the client was still sending: refused
            }
        }));

        var growth = WorkingSet() - before;
        TestContext.Current.TestOutputHelper?.WriteLine($"managed {GC.GetTotalMemory(true) / (1024 * 1024)} MB, statuses {string.Join(",", statuses)}");
        Assert.All(statuses, s => Assert.True(s is 0 or 415, $"status {s}"));
        Assert.Contains(415, statuses);
        Assert.True(growth < 50L * 1024 * 1024, $"working set grew by {growth / (1024 * 1024)} MB; managed {GC.GetTotalMemory(false) / (1024 * 1024)} MB; allocated {(GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore) / (1024 * 1024)} MB; committed {GC.GetGCMemoryInfo().TotalCommittedBytes / (1024 * 1024)} MB; server GC {System.Runtime.GCSettings.IsServerGC}; statuses {string.Join(",", statuses)}");
    }

    [Fact]
    public async Task Webhook_ChunkedOver64KB_413NotA500_Standalone()
    {
        await using var h = await SmsAppHarness.StartAsync(Start);
        using var http = new HttpClient { BaseAddress = h.Http.BaseAddress };
        using var content = new StreamContent(new ZeroStream(40L * 1024 * 1024, (byte)'a'));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/x-www-form-urlencoded");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/sms/inbound") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        int status;
        try
        {
            using var response = await http.SendAsync(request, Ct);
            status = (int)response.StatusCode;
        }
        catch (HttpRequestException)
        {
            status = 0; // answered and closed mid-upload
        }

        Assert.True(status is 413 or 0, $"status {status}");
    }

    [Fact]
    public async Task ApiResponses_NosniffAndNoStore_BothModes()
    {
        await using var worker = await WorkerHarness.StartAsync(Start);
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        var functions = await worker.InvokeAsync<SubscriptionFunctions>((f, r) => f.ListAsync(r), r =>
        {
            r.Method = "GET";
            r.Path = "/api/subscriptions";
            WorkerDriver.Admin(r);
        });
        using var standalone = await admin.GetAsync("/api/subscriptions", Ct);

        Assert.Equal(200, functions.Status);
        Assert.Equal("nosniff", functions.Headers.XContentTypeOptions.ToString());
        Assert.Equal("no-store", functions.Headers.CacheControl.ToString());
        Assert.Equal(HttpStatusCode.OK, standalone.StatusCode);
        Assert.Equal("nosniff", standalone.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(standalone.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
    }

    [Fact]
    public async Task SignupLimit_429CarriesRetryAfter_BothModes()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, "Signup:MaxPerAddressPerHour=1");
        await using var app = new RemindersAppFactory(Start, b => b.UseSetting("Signup:MaxPerAddressPerHour", "1"));
        using var client = app.CreateClient();

        Assert.Equal(202, (await WorkerDriver.SignUpAsync(worker, "+12125550101", "203.0.113.7")).Status);
        var functions = await WorkerDriver.SignUpAsync(worker, "+12125550102", "203.0.113.7");
        using var first = await client.PostAsJsonAsync("/api/subscriptions", new { phone = "+12125550101", timeZone = "America/New_York", sendAt = "09:30" }, Ct);
        using var standalone = await client.PostAsJsonAsync("/api/subscriptions", new { phone = "+12125550102", timeZone = "America/New_York", sendAt = "09:30" }, Ct);

        Assert.Equal(429, functions.Status);
        Assert.Equal("3600", functions.Headers.RetryAfter.ToString());
        Assert.Equal(HttpStatusCode.TooManyRequests, standalone.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), standalone.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task SignupLimit_FunctionsModeWithoutForwardedAddress_SharesTheUnknownAllowance()
    {
        await using var worker = await WorkerHarness.StartAsync(Start, "Signup:MaxPerAddressPerHour=2");

        var statuses = new List<int>();
        foreach (var phone in new[] { "+12125550101", "+12125550102", "+12125550103" })
        {
            statuses.Add((await WorkerDriver.SignUpAsync(worker, phone)).Status);
        }

        Assert.Equal([202, 202, 429], statuses);
        Assert.Equal(202, (await WorkerDriver.SignUpAsync(worker, "+12125550104", "203.0.113.7")).Status);
    }

    private static long Size() => 28L * 1024 * 1024;

    private static long WorkingSet()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        using var process = Process.GetCurrentProcess();
        return process.WorkingSet64;
    }

    /// <summary>A body that records whether anyone read it.</summary>
    private sealed class UnreadableStream : MemoryStream
    {
        public bool WasRead { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            WasRead = true;
            return 0;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            WasRead = true;
            return ValueTask.FromResult(0);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            WasRead = true;
            return Task.FromResult(0);
        }
    }

    /// <summary>A long body made on the fly, never held in memory.</summary>
    private sealed class ZeroStream(long length, byte fill) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position { get => _position; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(buffer.Length, length - _position);
            buffer[..n].Fill(fill);
            _position += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Task.FromResult(Read(buffer, offset, count));

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
