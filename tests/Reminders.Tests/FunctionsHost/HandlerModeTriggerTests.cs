using System.Net;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reminders.Core.Storage;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The custom-handler endpoints in process (<see cref="RemindersAppFactory"/> in handler mode, manual clock), fed
/// the bodies the Functions host sends, with the response checks the host applies.
/// </summary>
public sealed class HandlerModeTriggerTests
{
    // 2026-06-10 12:00 UTC is 08:00 in New York; the subscriber's 09:30 is 13:30 UTC.
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private const string Phone = "+12125550123";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Ready_GetRoot_Answers200()
    {
        await using var app = new RemindersAppFactory(Start, AppRoutes.InHandlerMode);
        using var client = app.CreateClient();

        using var response = await client.GetAsync("/", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(false, true)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task DueScan_TimerPayloadAfterSendTime_ReturnsBatchesAsObjectsUnderTheBindingName(bool isPastDue, bool withScheduleStatus)
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();

        var (outputs, logs) = await InvokeAsync(client, "/DueScan", HostPayloads.Timer(isPastDue, withScheduleStatus));

        Assert.Equal(["batches"], outputs.EnumerateObject().Select(p => p.Name));
        var batch = Assert.Single(outputs.GetProperty("batches").EnumerateArray());
        Assert.Equal(JsonValueKind.Object, batch.ValueKind);
        var item = Assert.Single(batch.GetProperty("items").EnumerateArray());
        Assert.Equal(Phone, item.GetProperty("phone").GetString());
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero), item.GetProperty("dueUtc").GetDateTimeOffset());
        var line = Assert.Single(logs);
        Assert.DoesNotContain("5550123", line, StringComparison.Ordinal);
        Assert.Equal(isPastDue, line.Contains("past due", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DueScan_RepeatedTick_ReturnsAnEmptyBatchList()
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();
        await InvokeAsync(client, "/DueScan", HostPayloads.Timer(isPastDue: false));

        var (outputs, _) = await InvokeAsync(client, "/DueScan", HostPayloads.Timer(isPastDue: false));

        Assert.Empty(outputs.GetProperty("batches").EnumerateArray());
    }

    [Fact]
    public async Task SendBatch_HostDoubleEncodedOutputOfDueScan_SendsOneNudge()
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();
        var driver = new AppDriver(app);
        var (outputs, _) = await InvokeAsync(client, "/DueScan", HostPayloads.Timer(isPastDue: false));
        var message = HostPayloads.StoredMessage(outputs.GetProperty("batches")[0]);

        var (sendOutputs, logs) = await InvokeAsync(client, "/SendBatch", HostPayloads.Queue(message));

        Assert.Empty(sendOutputs.EnumerateObject());
        Assert.True(Assert.Single(logs).Contains(", 1 sent,", StringComparison.Ordinal), logs[0]);
        Assert.Contains(HostPayloads.MessageId, logs[0], StringComparison.Ordinal);
        Assert.Single(await driver.NudgesAsync(Phone));
    }

    [Fact]
    public async Task SendBatch_DocumentedSingleEncodedShapeWithNumericDequeueCount_SendsOneNudge()
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();
        var driver = new AppDriver(app);

        var (_, logs) = await InvokeAsync(client, "/SendBatch", HostPayloads.QueueAsDocumented(DueMessage(), dequeueCount: 1));

        Assert.Contains("(delivery 1)", Assert.Single(logs), StringComparison.Ordinal);
        Assert.Single(await driver.NudgesAsync(Phone));
    }

    [Fact]
    public async Task SendBatch_RedeliveredAndConcurrentCopies_SendNoSecondText()
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();
        var driver = new AppDriver(app);
        await InvokeAsync(client, "/SendBatch", HostPayloads.Queue(DueMessage(), dequeueCount: 1));

        var again = await Task.WhenAll(Enumerable.Range(2, 3).Select(n => InvokeAsync(client, "/SendBatch", HostPayloads.Queue(DueMessage(), dequeueCount: n))));

        Assert.All(again, r => Assert.Contains("0 sent", Assert.Single(r.Logs), StringComparison.Ordinal));
        Assert.Single(await driver.NudgesAsync(Phone));
    }

    public static TheoryData<string, string> MalformedPayloads => new()
    {
        { "/DueScan", string.Empty },
        { "/DueScan", "{" },
        { "/DueScan", "[]" },
        { "/DueScan", """{"Data":{}}""" },
        { "/DueScan", """{"Data":{"timer":"2026-06-10"}}""" },
        { "/DueScan", """{"Data":{"timer":{"IsPastDue":"sometimes"}}}""" },
        { "/SendBatch", "not json" },
        { "/SendBatch", """{"Metadata":{"DequeueCount":"1"}}""" },
        { "/SendBatch", """{"Data":{"message":"{}"}}""" },
        { "/SendBatch", """{"Data":{"batch":42}}""" },
        { "/SendBatch", """{"Data":{"batch":"\"{\\\"items\\\":\""}}""" },
        { "/SendBatch", """{"Data":{"batch":"\"{\\\"items\\\":[{\\\"dueUtc\\\":\\\"2026-06-10T13:30:00Z\\\"}]}\""}}""" },
    };

    [Theory]
    [MemberData(nameof(MalformedPayloads))]
    public async Task Triggers_MalformedPayload_Answer400ProblemJsonAndSendNothing(string path, string body)
    {
        await using var app = await DueSubscriberAsync();
        using var client = app.CreateClient();
        var driver = new AppDriver(app);

        using var response = await client.SendAsync(HostPayloads.Post(path, body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Empty(await driver.NudgesAsync(Phone));
        Assert.Equal(new DateTimeOffset(2026, 6, 10, 13, 30, 0, TimeSpan.Zero), (await driver.GetAsync(Phone)).NextDueUtc);
    }

    [Fact]
    public async Task SendBatch_StoreFails_Answers500ProblemJsonSoTheHostRetries()
    {
        await using var app = new RemindersAppFactory(Start.AddMinutes(91), builder =>
        {
            AppRoutes.InHandlerMode(builder);
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<ISubscriberStore>();
                services.AddSingleton(DispatchProxy.Create<ISubscriberStore, FailingStore>());
            });
        });
        using var client = app.CreateClient();

        using var response = await client.SendAsync(HostPayloads.Post("/SendBatch", HostPayloads.Queue(DueMessage(), dequeueCount: 2)), Ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(Ct);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(500, problem.RootElement.GetProperty("status").GetInt32());
        Assert.DoesNotContain("unreachable", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/DueScan")]
    [InlineData("/SendBatch")]
    public async Task Triggers_StandaloneMode_AreNotMapped(string path)
    {
        await using var app = await DueSubscriberAsync(standalone: true);
        using var client = app.CreateClient();
        var driver = new AppDriver(app);

        using var response = await client.SendAsync(HostPayloads.Post(path, path == "/DueScan" ? HostPayloads.Timer(false) : HostPayloads.Queue(DueMessage())), Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(await driver.NudgesAsync(Phone));
    }

    /// <summary>An active subscriber due at 09:30 New York (13:30 UTC), with the clock at 13:31 UTC.</summary>
    private static async Task<RemindersAppFactory> DueSubscriberAsync(bool standalone = false)
    {
        var app = new RemindersAppFactory(Start, standalone ? null : AppRoutes.InHandlerMode);
        await PromptSeed.AddAsync(app.Services, Ct);
        var driver = new AppDriver(app);
        await driver.SignUpAsync(Phone, "America/New_York", "09:30");
        await driver.ActivateAsync(Phone);
        app.Time.Advance(TimeSpan.FromMinutes(91));
        return app;
    }

    private static string DueMessage() => """{"items":[{"phone":"+12125550123","dueUtc":"2026-06-10T13:30:00+00:00"}]}""";

    /// <summary>Sends a host invocation and applies the host's checks: 2xx, JSON content type, a JSON object with Outputs/Logs/ReturnValue.</summary>
    private static async Task<(JsonElement Outputs, string[] Logs)> InvokeAsync(HttpClient client, string path, string body)
    {
        using var response = await client.SendAsync(HostPayloads.Post(path, body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        var root = document.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        Assert.Equal(["Outputs", "Logs", "ReturnValue"], root.EnumerateObject().Select(p => p.Name));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("ReturnValue").ValueKind);
        var outputs = root.GetProperty("Outputs");
        Assert.Equal(JsonValueKind.Object, outputs.ValueKind);
        foreach (var output in outputs.EnumerateObject())
        {
            // A bare string would be base64-decoded by the host if it happened to be valid base64.
            Assert.All(output.Value.EnumerateArray(), v => Assert.Equal(JsonValueKind.Object, v.ValueKind));
        }

        return (outputs.Clone(), [.. root.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)]);
    }
}
