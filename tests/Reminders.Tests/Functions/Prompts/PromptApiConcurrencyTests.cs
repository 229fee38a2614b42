using System.Net;
using System.Net.Http.Json;

namespace Reminders.Tests.Functions.Prompts;

public sealed class PromptApiConcurrencyTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ExistingPrompt_ReturnsQuotedETagMatchingBody()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.GetAsync($"/api/prompts/{PromptApi.SeededId}", Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var header = response.Headers.GetValues("ETag").Single();
        Assert.StartsWith("\"", header, StringComparison.Ordinal);
        Assert.EndsWith("\"", header, StringComparison.Ordinal);
        Assert.False(response.Headers.ETag!.IsWeak);
        var prompt = await response.Content.ReadFromJsonAsync<PromptRow>(Ct);
        Assert.Equal(header, prompt!.Etag);
    }

    [Fact]
    public async Task Put_CurrentETag_SavesAndReturnsNewETag()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), etag);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var newTag = response.Headers.ETag!.Tag;
        Assert.NotEqual(etag, newTag);
        var (stored, storedTag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);
        Assert.Equal("Tell someone one thing they did this week that you admired.", stored.Text);
        Assert.Equal(newTag, storedTag);
    }

    [Fact]
    public async Task Put_StaleETag_Returns412AndKeepsTheOtherEdit()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, first) = await PromptApi.GetAsync(admin, PromptApi.SeededId);
        using var winner = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(text: "The first edit wins."), first);
        Assert.Equal(HttpStatusCode.OK, winner.StatusCode);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(text: "The second edit is stale."), first);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal("The first edit wins.", (await PromptApi.GetAsync(admin, PromptApi.SeededId)).Prompt.Text);
    }

    [Fact]
    public async Task Put_WithoutIfMatch_Returns428AndChangesNothing()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), ifMatch: null);

        var problem = await PromptApi.AssertProblemAsync(response, (HttpStatusCode)428);
        Assert.Contains("If-Match", problem.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await PromptApi.GetAsync(admin, PromptApi.SeededId));
    }

    [Theory]
    [InlineData("abc")]
    [InlineData("\"unterminated")]
    public async Task Put_MalformedIfMatch_Returns400NamingIfMatch(string ifMatch)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), ifMatch);

        await PromptApi.AssertValidationProblemAsync(response, "If-Match");
        Assert.Equal(before, await PromptApi.GetAsync(admin, PromptApi.SeededId));
    }

    [Fact]
    public async Task Put_WeakETagOfCurrentVersion_Returns412()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), "W/" + etag);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
    }

    [Fact]
    public async Task Put_IfMatchListContainingCurrentTag_Saves()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, etag) = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), $"\"old\", {etag}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Put_UnknownId_Returns404()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await PromptApi.PutAsync(admin, "words-no-such-prompt", PromptApi.ValidBody(), "*");

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Delete_StaleETag_Returns412AndKeepsPrompt()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var (_, first) = await PromptApi.GetAsync(admin, PromptApi.SeededId);
        using var edit = await PromptApi.PutAsync(admin, PromptApi.SeededId, PromptApi.ValidBody(), first);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);

        using var response = await PromptApi.DeleteAsync(admin, PromptApi.SeededId, first);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.PreconditionFailed);
        Assert.Equal(PromptApi.SeededId, (await PromptApi.GetAsync(admin, PromptApi.SeededId)).Prompt.Id);
    }
}
