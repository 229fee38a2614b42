using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Reminders.Tests.Functions.Prompts;
using static Microsoft.Playwright.Assertions;

namespace Reminders.Tests.Functions.Admin;

/// <summary>
/// The admin page in a real browser: Debian's Chromium driven by Playwright against the app on a loopback Kestrel
/// port. Screenshots go to <c>TestResults/</c> at the repository root (not committed).
/// </summary>
public sealed class AdminPageBrowserTests
{
    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task AdminPage_EditPastOneSegmentAndAddCurlyQuote_CountsLikeTheServerSavesAndSurvivesReload()
    {
        await using var app = StartOnLoopback();
        var baseUrl = BaseUrl(app);
        await using var browser = await LaunchAsync();
        var (page, external) = await NewPageAsync(browser, baseUrl);
        // Counted as the nudge: "Reminders: " before the text and " Reply STOP to end." after it (30 characters).
        var twoGsmSegments = "Hug someone you love today and stay in it for a slow count of twenty. Let your shoulders drop "
            + "before you let go, then tell them so.";
        var savedText = "Hug someone you love for a slow count of twenty. It\u2019s worth it.";
        Assert.Equal(131, twoGsmSegments.Length);

        await SignInAsync(page, baseUrl);
        var row = page.Locator($"tr[data-id='{PromptApi.SeededId}']");
        await row.Locator("[data-action=edit]").ClickAsync();
        var text = page.Locator("#edit-text");
        var encoding = page.Locator("#text-encoding");
        var segments = page.Locator("#text-segments");
        await Expect(segments).ToHaveTextAsync("1 segment");

        await text.FillAsync(twoGsmSegments);
        await Expect(segments).ToHaveTextAsync("2 segments");
        await Expect(encoding).ToHaveTextAsync("GSM-7");
        await Expect(page.Locator("#text-count")).ToContainTextAsync("161 characters");

        await text.PressAsync("End");
        await page.Keyboard.InsertTextAsync("\u2019");
        await Expect(encoding).ToHaveTextAsync("UCS-2");
        await Expect(segments).ToHaveTextAsync("3 segments");
        await Expect(page.Locator("#text-hint")).ToContainTextAsync("Too long");

        await text.FillAsync(savedText);
        await Expect(encoding).ToHaveTextAsync("UCS-2");
        await Expect(segments).ToHaveTextAsync("2 segments");
        await page.ClickAsync("#save");
        await Expect(page.Locator("#editor")).ToBeHiddenAsync();
        await Expect(row.Locator("td.text")).ToHaveTextAsync(savedText);

        await page.ReloadAsync();
        await Expect(row.Locator("td.text")).ToHaveTextAsync(savedText);
        await Expect(row.Locator(".badge")).ToHaveTextAsync("UCS-2 \u00b7 2 segments");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("admin-list.png") });
        await row.Locator("[data-action=edit]").ClickAsync();
        await Expect(text).ToHaveValueAsync(savedText);
        await Expect(encoding).ToHaveTextAsync("UCS-2");
        await Expect(segments).ToHaveTextAsync("2 segments");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("admin-page.png"), FullPage = false });

        using var admin = app.CreateAdminClient();
        var (stored, _) = await PromptApi.GetAsync(admin, PromptApi.SeededId);
        Assert.Equal(savedText, stored.Text);
        Assert.Equal(new SmsRow("UCS-2", 2, savedText.Length + 30, savedText.Length + 30), stored.Sms);
        var change = (await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", TestContext.Current.CancellationToken))!.Changes;
        Assert.Equal(("tester", savedText), (Assert.Single(change).Actor, change[0].After!.Text));
        Assert.Empty(external);
    }

    [Fact]
    public async Task AdminPage_StatsAfterARealSend_ShowsTheCountsAndHistory()
    {
        await using var app = StartOnLoopback();
        var baseUrl = BaseUrl(app);
        var driver = new AppDriver(app);
        var sentId = await PromptApiLibraryTests.SendOneNudgeAsync(app, driver);
        await using var browser = await LaunchAsync();
        var (page, external) = await NewPageAsync(browser, baseUrl);

        await SignInAsync(page, baseUrl);
        await page.ClickAsync("#tab-stats");
        await Expect(page.Locator("#stats-to")).ToHaveValueAsync("2026-06-10");
        await Expect(page.Locator("#stats-totals .stat").First).ToContainTextAsync("1");
        await Expect(page.Locator("#stats-days tbody tr")).ToHaveCountAsync(1);
        await Expect(page.Locator("#stats-prompts tbody td.id")).ToHaveTextAsync(sentId);
        await Expect(page.Locator("#stats-subscribers .stat").First).ToContainTextAsync("Active1");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("admin-stats.png"), FullPage = true });

        await page.ClickAsync("#tab-prompts");
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        var row = page.Locator($"tr[data-id='{sentId}']");
        await row.Locator("[data-action=delete]").ClickAsync();
        await Expect(row).ToHaveClassAsync("disabled");
        await row.Locator("[data-action=history]").ClickAsync();
        await Expect(page.Locator("#history-list li")).ToContainTextAsync("disabled by tester");
        Assert.Empty(external);
    }

    [Fact]
    public async Task AdminPage_SubscribersTab_FindPauseExportStopAndEraseAfterTypedConfirmation()
    {
        const string phone = "+12125550123";
        await using var app = StartOnLoopback();
        var baseUrl = BaseUrl(app);
        var driver = new AppDriver(app);
        await PromptApiLibraryTests.SendOneNudgeAsync(app, driver);
        await using var browser = await LaunchAsync();
        var (page, external) = await NewPageAsync(browser, baseUrl);
        var answers = new ConcurrentQueue<string>(["+12125550199", phone]);
        page.Dialog += (_, dialog) => dialog.AcceptAsync(answers.TryDequeue(out var answer) ? answer : string.Empty);
        var facts = page.Locator("#subscriber-facts");

        await SignInAsync(page, baseUrl);
        await page.ClickAsync("#tab-subscribers");
        await page.FillAsync("#subscriber-phone", phone);
        await page.ClickAsync("#subscriber-find");
        await Expect(facts).ToContainTextAsync(new Regex("active", RegexOptions.IgnoreCase));
        await Expect(page.Locator("#subscriber-messages tbody tr")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#subscriber-messages tbody")).ToContainTextAsync(new Regex("nudge", RegexOptions.IgnoreCase));

        await page.FillAsync("#subscriber-pause-until", "2026-06-20");
        await page.ClickAsync("#subscriber-pause");
        await Expect(facts).ToContainTextAsync(new Regex("paused", RegexOptions.IgnoreCase));
        await Expect(facts).ToContainTextAsync("2026-06-20");

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#subscriber-export"));
        var exported = await File.ReadAllTextAsync((await download.PathAsync())!, TestContext.Current.CancellationToken);
        Assert.Contains(phone, exported, StringComparison.Ordinal);
        Assert.Contains("messages", exported, StringComparison.OrdinalIgnoreCase);

        await page.ClickAsync("#subscriber-stop");
        await Expect(facts).ToContainTextAsync(new Regex("stopped", RegexOptions.IgnoreCase));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = ScreenshotPath("admin-subscribers.png"), FullPage = true });

        // A confirmation that does not repeat the number erases nothing; the number typed again does.
        await page.ClickAsync("#subscriber-erase");
        await Expect(page.Locator("#subscriber-detail")).ToBeVisibleAsync();
        using (var still = await driver.Admin.GetAsync("/api/subscriptions/" + Uri.EscapeDataString(phone), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);
        }

        await page.ClickAsync("#subscriber-erase");
        await Expect(page.Locator("#subscriber-detail")).ToBeHiddenAsync();
        using (var gone = await driver.Admin.GetAsync("/api/subscriptions/" + Uri.EscapeDataString(phone), TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        }

        Assert.Empty(answers);
        Assert.DoesNotContain(external, url => !url.StartsWith("blob:", StringComparison.Ordinal));
    }

    private static RemindersAppFactory StartOnLoopback()
    {
        var app = new RemindersAppFactory(Start);
        app.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        app.StartServer();
        return app;
    }

    private static string BaseUrl(RemindersAppFactory app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses
            .Single(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal));

    private static async Task<BrowserSession> LaunchAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            Assert.Fail($"No Chromium at {ChromiumPath}: install Debian's 'chromium' package (apt-get install chromium), as .ci/run does from .ci/apt-packages.");
        }

        var playwright = await Playwright.CreateAsync();
        try
        {
            var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = ChromiumArgs,
            });
            return new BrowserSession(playwright, browser);
        }
        catch
        {
            playwright.Dispose();
            throw;
        }
    }

    /// <summary>A page in a fresh context, and the list of every request it makes outside the app (expected empty).</summary>
    private static async Task<(IPage Page, ConcurrentQueue<string> External)> NewPageAsync(BrowserSession browser, string baseUrl)
    {
        var external = new ConcurrentQueue<string>();
        var context = await browser.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 860 } });
        context.SetDefaultTimeout(30_000);
        var page = await context.NewPageAsync();
        page.Request += (_, request) =>
        {
            if (!request.Url.StartsWith(baseUrl + "/", StringComparison.Ordinal) && !request.Url.StartsWith("data:", StringComparison.Ordinal))
            {
                external.Enqueue(request.Url);
            }
        };
        return (page, external);
    }

    private static async Task SignInAsync(IPage page, string baseUrl)
    {
        SetDefaultExpectTimeout(30_000);
        await page.GotoAsync(baseUrl + "/manage");
        await Expect(page.Locator("#signin-view")).ToBeVisibleAsync();
        await page.FillAsync("#admin-key", RemindersAppFactory.AdminKey);
        await page.ClickAsync("#sign-in");
        await Expect(page.Locator($"tr[data-id='{PromptApi.SeededId}']")).ToBeVisibleAsync();
        Assert.Equal(RemindersAppFactory.AdminKey, await page.EvaluateAsync<string>("() => sessionStorage.getItem('reminders.adminKey')"));
        Assert.Equal(0, await page.EvaluateAsync<int>("() => localStorage.length"));
    }

    private static string ScreenshotPath(string name)
    {
        var directory = RepositoryFiles.File("TestResults");
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, name);
    }

    /// <summary>Closes the browser and stops the Playwright driver.</summary>
    private sealed class BrowserSession(IPlaywright playwright, IBrowser browser) : IAsyncDisposable
    {
        public IBrowser Browser => browser;

        public async ValueTask DisposeAsync()
        {
            await browser.CloseAsync();
            playwright.Dispose();
        }
    }
}
