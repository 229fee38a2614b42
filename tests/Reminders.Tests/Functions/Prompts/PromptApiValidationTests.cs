using System.Net;
using System.Net.Http.Json;
using System.Text;

namespace Reminders.Tests.Functions.Prompts;

public sealed class PromptApiValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly string ThreeGsmSegments = new('a', 307);
    private static readonly string ThreeUcs2Segments = new string('a', 134) + "\u2019"; // 135 UTF-16 units
    private static readonly string TwoGsmSegments = new('a', 200);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>One invalid create per rule, and the field the 400 must name.</summary>
    public static TheoryData<string, string> InvalidCreates => new()
    {
        { Json(text: null), "text" },
        { Json(text: "   "), "text" },
        { Json(text: ThreeGsmSegments), "text" },
        { Json(text: ThreeUcs2Segments), "text" },
        { Json(why: null), "why" },
        { Json(why: ThreeGsmSegments), "why" },
        { Json(category: null), "category" },
        { Json(category: "yodel"), "category" },
        { Json(category: "Touch"), "category" },
        { Json(audience: "strangers"), "audience" },
        { Json(audience: null), "audience" },
        { Json(id: null), "id" },
        { Json(id: "Touch Hug"), "id" },
        { Json(id: "touch--hug"), "id" },
        { Json(id: "touch-hug-"), "id" },
        { Json(id: "touch_hug"), "id" },
        { Json(id: new string('a', 61)), "id" },
        { Json(id: "export"), "id" },
        { Json(id: "import"), "id" },
        { """{"id":"words-x","text":"Say thanks.","category":"words","audience":"anyone","why":"w","enabled":"yes"}""", "enabled" },
        { """{"id":"words-x","text":42,"category":"words","audience":"anyone","why":"w"}""", "text" },
        { """{"id":"words-x","text":"Say thanks.",""", "body" },
        { "[]", "body" },
        { "null", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidCreates))]
    public async Task Create_InvalidBody_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);

        using var response = await admin.PostAsync("/api/prompts", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await PromptApi.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
    }

    [Fact]
    public async Task Create_FormBody_Returns400NamingContentType()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsync("/api/prompts", new StringContent("id=a", Encoding.UTF8, "application/x-www-form-urlencoded"), Ct);

        await PromptApi.AssertValidationProblemAsync(response, "Content-Type");
    }

    [Fact]
    public async Task Create_EveryRuleBrokenAtOnce_NamesEveryField()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/prompts", new { id = "Bad Id", text = "", category = "x", audience = "y", why = "" }, Ct);

        var problem = await PromptApi.AssertValidationProblemAsync(response, "id");
        Assert.Equal(["audience", "category", "id", "text", "why"], problem.Errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Create_TwoGsmSegments_Returns201WithSegmentWarning()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody("words-long-one", TwoGsmSegments), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<PromptSavedRow>(Ct);
        var warning = Assert.Single(saved!.Warnings["text"]);
        Assert.Contains("2 SMS segments", warning, StringComparison.Ordinal);
        Assert.Equal(new SmsRow("GSM-7", 2, 230, 230), saved.Prompt.Sms); // counted with "Reminders: " and " Reply STOP to end."
    }

    [Fact]
    public async Task Create_CurlyQuote_Returns201WithEncodingWarningNamingTheCharacter()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody("words-curly", "Tell them it\u2019s good to see them."), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var saved = await response.Content.ReadFromJsonAsync<PromptSavedRow>(Ct);
        Assert.Contains("\u2019", Assert.Single(saved!.Warnings["text"]), StringComparison.Ordinal);
        Assert.Equal("UCS-2", saved.Prompt.Sms.Encoding);
    }

    [Fact]
    public async Task Create_OneSegmentGsm7_Returns201WithoutWarnings()
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.PostAsJsonAsync("/api/prompts", PromptApi.ValidBody("words-plain"), Ct);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Empty((await response.Content.ReadFromJsonAsync<PromptSavedRow>(Ct))!.Warnings);
    }

    public static TheoryData<string, string> InvalidUpdates => new()
    {
        { Json(id: "touch-other-id"), "id" },
        { Json(id: null, text: ThreeUcs2Segments), "text" },
        { Json(id: null, text: ""), "text" },
        { Json(id: null, category: "nope"), "category" },
        { Json(id: null, audience: "nope"), "audience" },
        { Json(id: null, why: null), "why" },
        { """{"text":"Say thanks.","category":"words","audience":"anyone","why":"w","enabled":1}""", "enabled" },
    };

    [Theory]
    [MemberData(nameof(InvalidUpdates))]
    public async Task Update_InvalidBody_Returns400NamingFieldAndChangesNothing(string json, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.GetAsync(admin, PromptApi.SeededId);

        using var response = await PromptApi.PutJsonAsync(admin, PromptApi.SeededId, json, before.ETag);

        await PromptApi.AssertValidationProblemAsync(response, field);
        Assert.Equal(before, await PromptApi.GetAsync(admin, PromptApi.SeededId));
    }

    [Theory]
    [InlineData("?category=yodel", "category")]
    [InlineData("?enabled=maybe", "enabled")]
    [InlineData("?pageSize=0", "pageSize")]
    [InlineData("?pageSize=501", "pageSize")]
    [InlineData("?pageSize=ten", "pageSize")]
    [InlineData("?continuationToken=not-a-token", "continuationToken")]
    public async Task List_InvalidQuery_Returns400NamingParameter(string query, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var admin = app.CreateAdminClient();

        using var response = await admin.GetAsync("/api/prompts" + query, Ct);

        await PromptApi.AssertValidationProblemAsync(response, field);
    }

    private static string Json(
        string? id = "words-new-prompt",
        string? text = "Tell someone one thing they did this week that you admired.",
        string? category = "words",
        string? audience = "anyone",
        string? why = "Specific praise is easier to believe than general praise.") =>
        System.Text.Json.JsonSerializer.Serialize(new { id, text, category, audience, why });
}
