using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Functions.Admin;

public sealed partial class AdminPageTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Get_ManageWithoutSlash_RedirectsToTheFolder()
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync("/manage", Ct);

        Assert.True(response.StatusCode is HttpStatusCode.MovedPermanently or HttpStatusCode.Redirect, $"status {response.StatusCode}");
        Assert.EndsWith("/manage/", response.Headers.Location?.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/manage/", "text/html")]
    [InlineData("/manage/index.html", "text/html")]
    [InlineData("/manage/admin.js", "text/javascript")]
    [InlineData("/manage/segments.js", "text/javascript")]
    [InlineData("/manage/admin.css", "text/css")]
    public async Task Get_PageFile_ServedWithoutKeyAndLockedToItsOwnOrigin(string path, string mediaType)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(mediaType, response.Content.Headers.ContentType?.MediaType);
        var policy = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("connect-src 'self'", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("/manage/../appsettings.json")]
    [InlineData("/manage/nothing-here.js")]
    [InlineData("/wwwroot/admin/index.html")]
    public async Task Get_OutsideThePageFiles_Returns404(string path)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        using var response = await client.GetAsync(path, Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public void PageFiles_ReferenceNothingOutsideTheApp()
    {
        var files = Directory.GetFiles(RepositoryFiles.AdminPage);

        Assert.Equal(["admin.css", "admin.js", "index.html", "segments.js"], files.Select(Path.GetFileName).Order(StringComparer.Ordinal));
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            Assert.DoesNotMatch(ExternalUrl(), text);
        }
    }

    [Fact]
    public void AdminJs_CategoriesAndAudiences_MatchTheServer()
    {
        var script = File.ReadAllText(Path.Combine(RepositoryFiles.AdminPage, "admin.js"));

        Assert.Equal(PromptCategories.All, JsArray(script, "CATEGORIES"));
        Assert.Equal(PromptAudiences.All, JsArray(script, "AUDIENCES"));
        Assert.Contains($"const MAX_SEGMENTS = {PromptValidator.MaxSegments};", script, StringComparison.Ordinal);
    }

    private static string[] JsArray(string script, string name)
    {
        var match = Regex.Match(script, $@"const {name} = \[([^\]]*)\];");
        Assert.True(match.Success, $"admin.js defines no {name} array");
        return [.. Regex.Matches(match.Groups[1].Value, "'([^']*)'").Select(m => m.Groups[1].Value)];
    }

    // Any absolute http(s) URL or protocol-relative URL in the page files would be a request outside the app.
    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalUrl();
}
