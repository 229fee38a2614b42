using System.Net;
using System.Net.Http.Json;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Functions.Prompts;

public sealed class PromptApiLibraryTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_NewId_Returns201WithLocationETagAndAdminSource()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody("words-admired"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/prompts/words-admired", response.Headers.Location?.OriginalString);
        var saved = await response.Content.ReadFromJsonAsync<PromptSavedRow>(Ct);
        Assert.Equal(response.Headers.ETag!.Tag, saved!.Prompt.Etag);
        var (stored, etag) = await PromptApi.GetAsync(admin, "words-admired");
        Assert.Equal(saved.Prompt, stored);
        Assert.Equal(saved.Prompt.Etag, etag);
        Assert.Equal(PromptSources.Admin, stored.Source);
        Assert.True(stored.Enabled);
    }

    [Fact]
    public async Task Create_TakenId_Returns409AndKeepsPrompt()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody(PromptApi.SeededId), Ct);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.Conflict);
        Assert.Equal(before, await PromptApi.GetAsync(admin, PromptApi.SeededId));
    }

    [Fact]
    public async Task List_FilterByCategoryAndEnabled_ReturnsOnlyMatchingInIdOrder()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);
        using var disable = await PromptApi.PutAsync(admin, PromptApi.SeededId, new
        {
            text = "Hug someone for twenty seconds.", category = "touch", audience = "anyone", why = "Long hugs help.", enabled = false,
        }, etag);
        Assert.Equal(HttpStatusCode.OK, disable.StatusCode);

        var enabledTouch = await admin.GetFromJsonAsync<PromptPageRow>("/api/prompts?category=touch&enabled=true&pageSize=500", Ct);
        var disabledTouch = await admin.GetFromJsonAsync<PromptPageRow>("/api/prompts?category=touch&enabled=false", Ct);

        Assert.NotEmpty(enabledTouch!.Items);
        Assert.All(enabledTouch.Items, p => Assert.Equal(("touch", true), (p.Category, p.Enabled)));
        Assert.Equal(enabledTouch.Items.Select(p => p.Id).Order(StringComparer.Ordinal), enabledTouch.Items.Select(p => p.Id));
        Assert.DoesNotContain(enabledTouch.Items, p => p.Id == PromptApi.SeededId);
        Assert.Equal([PromptApi.SeededId], disabledTouch!.Items.Select(p => p.Id));
    }

    [Fact]
    public async Task List_PagedWithContinuationTokens_VisitsEveryPromptOnce()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var all = await PromptApi.ExportAsync(admin);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var query = "/api/prompts?pageSize=17" + (token is null ? string.Empty : "&continuationToken=" + Uri.EscapeDataString(token));
            var page = await admin.GetFromJsonAsync<PromptPageRow>(query, Ct);
            Assert.InRange(page!.Items.Count, 1, 17);
            seen.AddRange(page.Items.Select(p => p.Id));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 100);

        Assert.Equal(all.Select(p => p.Id), seen);
        Assert.Equal((all.Count + 16) / 17, pages);
    }

    [Fact]
    public async Task History_AfterCreateAndTwoEdits_RecordsWhoWhenBeforeAndAfterNewestFirst()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        using var created = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody("words-history", "First text."), Ct);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        using var edit1 = await PromptApi.PutAsync(admin, "words-history", PromptApi.ValidBody(text: "Second text."), created.Headers.ETag!.Tag);
        app.Time.Advance(TimeSpan.FromMinutes(5));
        using var edit2 = await PromptApi.PutAsync(admin, "words-history", PromptApi.ValidBody(text: "Third text."), edit1.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.OK, edit2.StatusCode);

        var history = await admin.GetFromJsonAsync<PromptHistoryRow>("/api/prompts/words-history/history", Ct);

        Assert.Equal(
            [
                (Start.AddMinutes(10), "tester", "updated", "Second text.", "Third text."),
                (Start.AddMinutes(5), "tester", "updated", "First text.", "Second text."),
                (Start, "tester", "created", (string?)null, "First text."),
            ],
            history!.Changes.Select(c => (c.At, c.Actor, c.Action, c.Before?.Text, c.After?.Text)));
        Assert.Equal("words", history.Changes[0].After!.Category);
    }

    [Fact]
    public async Task History_SeededPromptNeverEdited_ReturnsEmptyList()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        var history = await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", Ct);

        Assert.Empty(history!.Changes);
    }

    [Fact]
    public async Task History_UnknownPrompt_Returns404()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.GetAsync("/api/prompts/words-never-existed/history", Ct);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Update_SameContent_Returns200WithoutWritingOrLogging()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (prompt, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, new { prompt.Text, prompt.Category, prompt.Audience, prompt.Why }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(etag, response.Headers.ETag!.Tag);
        var history = await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", Ct);
        Assert.Empty(history!.Changes);
    }

    [Fact]
    public async Task Update_BodyNamingASource_KeepsTheStoredSource()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (prompt, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, new { text = "Hug.", prompt.Category, prompt.Audience, prompt.Why, source = "somewhere-else" }, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(prompt.Source, (await PromptApi.GetAsync(admin, PromptApi.SeededId)).Prompt.Source);
    }

    [Fact]
    public async Task Delete_NeverSentPrompt_ErasesItAndKeepsItsHistory()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.DeleteAsync(admin, PromptApi.SeededId, etag);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using var gone = await admin.GetAsync($"/api/prompts/{PromptApi.SeededId}", Ct);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        var history = await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", Ct);
        var change = Assert.Single(history!.Changes);
        Assert.Equal(("deleted", "tester", PromptApi.SeededId, (PromptSnapshotRow?)null), (change.Action, change.Actor, change.Before!.Id, change.After));
    }

    [Fact]
    public async Task Delete_WithoutIfMatch_DeletesWhateverIsStored()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await PromptApi.DeleteAsync(admin, PromptApi.SeededId, ifMatch: null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Delete_UnknownPrompt_Returns404()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await PromptApi.DeleteAsync(admin, "words-never-existed", ifMatch: null);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_PromptSentToASubscriber_DisablesItInsteadOfErasing()
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        var sentId = await SendOneNudgeAsync(app, driver);
        var (_, etag) = await PromptApi.GetAsync(driver.Admin, sentId);

        using var response = await PromptApi.DeleteAsync(driver.Admin, sentId, etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<DisabledRow>(Ct);
        Assert.Equal("disabled", body!.Outcome);
        Assert.False(body.Prompt.Enabled);
        var (stored, storedTag) = await PromptApi.GetAsync(driver.Admin, sentId);
        Assert.False(stored.Enabled);
        Assert.Equal(response.Headers.ETag!.Tag, storedTag);
        var change = Assert.Single((await driver.Admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{sentId}/history", Ct))!.Changes);
        Assert.Equal(("disabled", true, false), (change.Action, change.Before!.Enabled, change.After!.Enabled));

        using var again = await PromptApi.DeleteAsync(driver.Admin, sentId, ifMatch: null);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single((await driver.Admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{sentId}/history", Ct))!.Changes);
    }

    [Fact]
    public async Task Export_ThenImportUnchanged_ChangesNothing()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var export = await admin.GetStringAsync("/api/prompts/export", Ct);
        var before = await PromptApi.ExportAsync(admin);

        using var response = await admin.PostAsync("/api/prompts/import", new StringContent(export, System.Text.Encoding.UTF8, "application/json"), Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ImportedRow>(Ct);
        Assert.Equal((0, 0, before.Count), (result!.Created, result.Updated, result.Unchanged));
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
        Assert.True(before.Count > 100);
    }

    [Fact]
    public async Task Import_NewAndChangedPrompts_UpsertsByIdLeavesOthersAndLogsEach()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);
        var seeded = before.Single(p => p.Id == PromptApi.SeededId);

        using var response = await admin.PostAsJsonAsync("/api/prompts/import", new
        {
            format = "reminders-prompt-library",
            version = 1,
            prompts = new object[]
            {
                new { id = "words-imported", text = "Say one kind thing.", category = "words", audience = "anyone", why = "Kind words help." },
                new { id = PromptApi.SeededId, text = "Hug for a slow count of twenty.", category = "touch", audience = "partner", why = seeded.Why, enabled = false },
            },
        }, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var result = await response.Content.ReadFromJsonAsync<ImportedRow>(Ct);
        Assert.Equal((1, 1, 0), (result!.Created, result.Updated, result.Unchanged));
        var after = await PromptApi.ExportAsync(admin);
        Assert.Equal(before.Count + 1, after.Count);
        Assert.Equal(
            seeded with { Text = "Hug for a slow count of twenty.", Audience = "partner", Enabled = false },
            after.Single(p => p.Id == PromptApi.SeededId));
        Assert.Equal(PromptSources.Admin, after.Single(p => p.Id == "words-imported").Source);
        Assert.Equal(
            before.Where(p => p.Id != PromptApi.SeededId),
            after.Where(p => p.Id is not PromptApi.SeededId and not "words-imported"));
        var change = Assert.Single((await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", Ct))!.Changes);
        Assert.Equal(("imported", "tester", seeded.Text), (change.Action, change.Actor, change.Before!.Text));
    }

    [Fact]
    public async Task Import_OneBadPromptAmongGoodOnes_Returns400NamingItAndChangesNothing()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);
        var seeded = before.Single(p => p.Id == PromptApi.SeededId);

        using var response = await admin.PostAsJsonAsync("/api/prompts/import", new
        {
            prompts = new object[]
            {
                new { id = "words-imported", text = "Say one kind thing.", category = "words", audience = "anyone", why = "Kind words help." },
                new { id = PromptApi.SeededId, text = "Changed text.", category = "touch", audience = "anyone", why = seeded.Why },
                new { id = "words-too-long", text = new string('a', 307), category = "words", audience = "anyone", why = "w" },
            },
        }, Ct);

        var problem = await PromptApi.AssertValidationProblemAsync(response, "prompts[2].text");
        Assert.Single(problem.Errors);
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
        Assert.Empty((await admin.GetFromJsonAsync<PromptHistoryRow>($"/api/prompts/{PromptApi.SeededId}/history", Ct))!.Changes);
    }

    public static TheoryData<string, string> InvalidImports => new()
    {
        { """{"prompts":[]}""", "prompts" },
        { """{}""", "prompts" },
        { """{"format":"something-else","prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone","why":"w"}]}""", "format" },
        { """{"version":2,"prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone","why":"w"}]}""", "version" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone","why":"w"},{"id":"words-a","text":"u","category":"words","audience":"anyone","why":"w"}]}""", "prompts[1].id" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone","why":"w","source":"http://example.com"}]}""", "prompts[0].source" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"nope","audience":"anyone","why":"w"}]}""", "prompts[0].category" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"words","audience":"nope","why":"w"}]}""", "prompts[0].audience" },
        { """{"prompts":[{"id":"Words A","text":"t","category":"words","audience":"anyone","why":"w"}]}""", "prompts[0].id" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone"}]}""", "prompts[0].why" },
        { """{"prompts":[null]}""", "prompts[0]" },
        { """{"prompts":[{"id":"words-a","text":"t","category":"words","audience":"anyone","why":"w","enabled":"no"}]}""", "prompts" },
    };

    [Theory]
    [MemberData(nameof(InvalidImports))]
    public async Task Import_InvalidBody_Returns400NamingFieldAndChangesNothing(string json, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);

        using var response = await admin.PostAsync("/api/prompts/import", new StringContent(json, System.Text.Encoding.UTF8, "application/json"), Ct);

        await PromptApi.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
    }

    /// <summary>Subscribes, activates and lets the daily send run; returns the id of the prompt sent.</summary>
    internal static async Task<string> SendOneNudgeAsync(RemindersAppFactory app, AppDriver driver)
    {
        const string phone = "+12125550123";
        await driver.SignUpAsync(phone, "America/New_York", "09:30");
        await driver.ActivateAsync(phone);
        app.Time.Advance(TimeSpan.FromMinutes(91));
        Assert.Equal(1, await driver.ScanAsync());
        Assert.Single(await driver.NudgesAsync(phone));
        return (await driver.GetAsync(phone)).RecentPromptIds.Single();
    }

    private sealed record DisabledRow(string Outcome, string Detail, PromptRow Prompt);
}
