using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Runtime.Versioning;
using System.Text.Json;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// The BUILT package's handler as its own process in custom-handler mode, driven over HTTP with the exact bodies the
/// Functions host sends. The process runs on the real clock, so the SQLite file is prepared beforehand (through the
/// app itself, on a manual clock set ten minutes back) with subscribers whose send time was five minutes ago.
/// </summary>
[Collection(PackageBuild.Name)]
[UnsupportedOSPlatform("windows")] // the package is a linux-x64 build made by a bash script
public sealed class HandlerProcessTests(PackageFixture package) : IDisposable
{
    private static readonly string[] DuePhones = ["+12125550101", "+12125550102", "+12125550103"];
    private const string LaterPhone = "+12125550104";
    private const string PendingPhone = "+12125550105";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-handler-tests", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_directory, "reminders.db");

    [Fact]
    public async Task HostInvocations_TimerThenQueue_OneNudgePerDueSubscriberAndNoSecondText()
    {
        await SeedAsync(TimeProvider.System.GetUtcNow());
        await using var handler = HandlerProcess.Start(package.HandlerExecutable, Settings(withAdminKey: true));
        await handler.WaitUntilReadyAsync(Ct);

        // The catch-up tick after downtime (IsPastDue, monitor status absent) finds the three due subscribers.
        var (outputs, _) = await InvokeAsync(handler, "/DueScan", HostPayloads.Timer(isPastDue: true, withScheduleStatus: false));
        var batches = outputs.GetProperty("batches").EnumerateArray().ToList();
        Assert.Equal(DuePhones, batches.SelectMany(b => b.GetProperty("items").EnumerateArray()).Select(i => i.GetProperty("phone").GetString()).Order(StringComparer.Ordinal));

        // The host stores each array element as one queue message and delivers its text JSON-encoded twice.
        var messages = batches.Select(HostPayloads.StoredMessage).ToList();
        foreach (var message in messages)
        {
            var (_, logs) = await InvokeAsync(handler, "/SendBatch", HostPayloads.Queue(message, dequeueCount: 1));
            Assert.Contains(string.Create(CultureInfo.InvariantCulture, $", {DuePhones.Length} sent,"), Assert.Single(logs), StringComparison.Ordinal);
        }

        // A repeated tick (normal shape) queues nothing; a redelivered message texts nobody again.
        var (repeat, _) = await InvokeAsync(handler, "/DueScan", HostPayloads.Timer(isPastDue: false));
        Assert.Empty(repeat.GetProperty("batches").EnumerateArray());
        foreach (var message in messages)
        {
            var (_, logs) = await InvokeAsync(handler, "/SendBatch", HostPayloads.Queue(message, dequeueCount: 2));
            Assert.Contains(", 0 sent,", Assert.Single(logs), StringComparison.Ordinal);
        }

        foreach (var phone in DuePhones)
        {
            Assert.Single(await NudgesAsync(handler, phone));
        }

        Assert.Empty(await NudgesAsync(handler, LaterPhone));
        Assert.Empty(await NudgesAsync(handler, PendingPhone));
    }

    [Theory]
    [InlineData("/SendBatch", "{\"Data\":{\"batch\":\"\\\"{\\\\\\\"items\\\\\\\":\"}}")]
    [InlineData("/SendBatch", "this is not JSON")]
    [InlineData("/DueScan", "{\"Data\":{\"timer\":[]}}")]
    public async Task MalformedPayload_ToTheBuiltHandler_FailsAtOnceWithAJsonBody(string path, string body)
    {
        await using var handler = HandlerProcess.Start(package.HandlerExecutable, Settings(withAdminKey: true));
        await handler.WaitUntilReadyAsync(Ct);

        // The client gives up after 30 s, so a hang fails the test instead of stalling it.
        using var response = await handler.Client.SendAsync(HostPayloads.Post(path, body), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Startup_HandlerModeWithoutAdminKey_ExitsWithOneClearError()
    {
        await using var handler = HandlerProcess.Start(package.HandlerExecutable, Settings(withAdminKey: false));

        var exitCode = await handler.WaitForExitAsync(Ct);

        Assert.Equal(1, exitCode);
        Assert.Contains("Reminders cannot run: No admin key is configured: set Admin:ApiKeys", handler.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", handler.Output, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // Nothing was seeded.
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>
    /// Three active subscribers due five minutes ago, one due in an hour and one never confirmed, in a zone where it
    /// is early afternoon (inside quiet hours whatever the UTC hour), written through the app on a manual clock.
    /// </summary>
    private async Task SeedAsync(DateTimeOffset now)
    {
        var hours = 13 - now.Hour;
        var zone = hours switch
        {
            0 => "Etc/GMT",
            > 0 => $"Etc/GMT-{hours}",
            _ => $"Etc/GMT+{-hours}",
        };
        var local = TimeZoneInfo.FindSystemTimeZoneById(zone);
        string LocalTime(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, local).ToString("HH:mm", CultureInfo.InvariantCulture);

        await using var app = new RemindersAppFactory(now.AddMinutes(-10), b => b.UseSetting("Storage:SqlitePath", DatabasePath));
        await PromptSeed.AddAsync(app.Services, Ct);
        var driver = new AppDriver(app);
        foreach (var phone in DuePhones)
        {
            await driver.SignUpAsync(phone, zone, LocalTime(now.AddMinutes(-5)));
            await driver.ActivateAsync(phone);
            Assert.InRange((await driver.GetAsync(phone)).NextDueUtc!.Value, now.AddMinutes(-7), now.AddMinutes(-4));
        }

        await driver.SignUpAsync(LaterPhone, zone, LocalTime(now.AddHours(1)));
        await driver.ActivateAsync(LaterPhone);
        await driver.SignUpAsync(PendingPhone, zone, LocalTime(now.AddMinutes(-5)));
    }

    private Dictionary<string, string?> Settings(bool withAdminKey) => new()
    {
        ["Storage__Provider"] = "sqlite",
        ["Storage__SqlitePath"] = DatabasePath,
        ["Admin__ApiKeys__0"] = withAdminKey ? "tester:" + RemindersAppFactory.AdminKey : null,
    };

    /// <summary>An invocation with the host's checks: 2xx, JSON content type, a JSON object with Outputs and Logs.</summary>
    private static async Task<(JsonElement Outputs, string[] Logs)> InvokeAsync(HandlerProcess handler, string path, string body)
    {
        using var response = await handler.Client.SendAsync(HostPayloads.Post(path, body), Ct);
        var text = await response.Content.ReadAsStringAsync(Ct);

        Assert.True(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}: {text}\n{handler.Output}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var document = JsonDocument.Parse(text);
        Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("ReturnValue").ValueKind);
        return (document.RootElement.GetProperty("Outputs").Clone(), [.. document.RootElement.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)]);
    }

    /// <summary>The nudges the message log holds for the number, read through the running handler's admin API.</summary>
    private static async Task<IReadOnlyList<MessageRow>> NudgesAsync(HandlerProcess handler, string phone)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/subscriptions/{Uri.EscapeDataString(phone)}/messages");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", RemindersAppFactory.AdminKey);
        using var response = await handler.Client.SendAsync(request, Ct);
        response.EnsureSuccessStatusCode();
        var rows = await response.Content.ReadFromJsonAsync<List<MessageRow>>(Ct);
        return [.. rows!.Where(m => m.Kind == "nudge")];
    }
}
