using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Reminders.Tests.Functions.Prompts;

public sealed class PromptApiAuthTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> AdminRoutes => new()
    {
        { "GET", "/api/prompts" },
        { "POST", "/api/prompts" },
        { "GET", $"/api/prompts/{PromptApi.SeededId}" },
        { "PUT", $"/api/prompts/{PromptApi.SeededId}" },
        { "DELETE", $"/api/prompts/{PromptApi.SeededId}" },
        { "GET", $"/api/prompts/{PromptApi.SeededId}/history" },
        { "GET", "/api/prompts/export" },
        { "POST", "/api/prompts/import" },
        { "GET", "/api/stats" },
    };

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_NoKey_Returns401ProblemAndChangesNothing(string method, string path)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);

        using var response = await client.SendAsync(Request(method, path, null), Ct);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
    }

    [Theory]
    [MemberData(nameof(AdminRoutes))]
    public async Task AdminRoute_WrongKey_Returns401ProblemAndChangesNothing(string method, string path)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();
        using var admin = app.CreateAdminClient();
        var before = await PromptApi.ExportAsync(admin);

        using var response = await client.SendAsync(Request(method, path, RemindersAppFactory.AdminKey + "x"), Ct);

        await PromptApi.AssertProblemAsync(response, HttpStatusCode.Unauthorized);
        Assert.Equal(before, await PromptApi.ExportAsync(admin));
    }

    [Fact]
    public async Task AdminRoute_KeyInOtherScheme_Returns401()
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/prompts");
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", RemindersAppFactory.AdminKey);

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private static HttpRequestMessage Request(string method, string path, string? key)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method is "POST" or "PUT")
        {
            // A body that would be valid, so only the missing key can explain the 401.
            var json = path.EndsWith("/import", StringComparison.Ordinal)
                ? """{"prompts":[{"id":"words-new-one","text":"Say thank you.","category":"words","audience":"anyone","why":"Thanks builds closeness."}]}"""
                : """{"id":"words-new-one","text":"Say thank you.","category":"words","audience":"anyone","why":"Thanks builds closeness."}""";
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
            request.Headers.TryAddWithoutValidation("If-Match", "*");
        }

        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return request;
    }
}
