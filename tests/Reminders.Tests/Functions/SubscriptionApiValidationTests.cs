using System.Net;
using System.Net.Http.Json;
using System.Text;
using Microsoft.AspNetCore.Mvc;

namespace Reminders.Tests.Functions;

public sealed class SubscriptionApiValidationTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> InvalidSignups => new()
    {
        { """{"phone":"+1212555012","timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"call me","timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+442079460958","timeZone":"Europe/London","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+12125550123","timeZone":"Mars/Olympus","sendAt":"09:30"}""", "timeZone" },
        { """{"phone":"+12125550123","sendAt":"09:30"}""", "timeZone" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"06:30"}""", "sendAt" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"20:00"}""", "sendAt" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"9.30am"}""", "sendAt" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"09:30","categories":["touch","yodel"]}""", "categories" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"09:30","name":"Bob\u0007"}""", "name" },
        { """{"phone":12125550123,"timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"09:30","categories":"touch"}""", "categories" },
        { """{"phone":"+12125550123","timeZone":"America/New_York",""", "body" },
        { "[]", "body" },
        { "null", "body" },
        { """{"phone":"+18765230123","timeZone":"America/Jamaica","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+18092345678","timeZone":"America/Santo_Domingo","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+12842291234","timeZone":"America/Tortola","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+14732691234","timeZone":"America/Grenada","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+19002345678","timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+10005550123","timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+11115550123","timeZone":"America/New_York","sendAt":"09:30"}""", "phone" },
        { """{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"09:30","phone":"+14165550123"}""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidSignups))]
    public async Task SignUp_InvalidBody_Returns400NamingFieldAndStoresNothing(string json, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        using var response = await client.PostAsync("/api/subscriptions", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, field);
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task SignUp_WrongContentType_Returns400NamingContentType()
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(
            "/api/subscriptions",
            new StringContent("phone=%2B12125550123&timeZone=America/New_York&sendAt=09:30", Encoding.UTF8, "application/x-www-form-urlencoded"),
            Ct);

        await AssertProblemAsync(response, "Content-Type");
        await AssertNothingStoredAsync(app);
    }

    [Fact]
    public async Task SignUp_OversizedBody_Returns400NamingBody()
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateClient();
        var json = $$"""{"phone":"+12125550123","timeZone":"America/New_York","sendAt":"09:30","name":"{{new string('a', 20_000)}}"}""";

        using var response = await client.PostAsync("/api/subscriptions", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, "body");
        await AssertNothingStoredAsync(app);
    }

    public static TheoryData<string, string> InvalidPatches => new()
    {
        { """{"status":"sleeping"}""", "status" },
        { """{"status":"1"}""", "status" },
        { """{"timeZone":"Not/AZone"}""", "timeZone" },
        { """{"sendAt":"23:00"}""", "sendAt" },
        { """{"categories":["nope"]}""", "categories" },
        { """{"status":"paused"}""", "pausedUntil" },
        { """{"status":"paused","pausedUntil":"next week"}""", "pausedUntil" },
        { """{"status":"paused","pausedUntil":"2026-06-01"}""", "pausedUntil" },
        { """{"status":"paused","pausedUntil":"2026-06-20"}""", "status" },
        { """{"sendAt":""", "body" },
        { """{"status":"active,paused"}""", "status" },
        { """{"status":"pending, stopped"}""", "status" },
        { """{"status":"3"}""", "status" },
        { """{"status":" active"}""", "status" },
        { """{"status":"active","status":"stopped"}""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidPatches))]
    public async Task Patch_InvalidBody_Returns400NamingFieldAndChangesNothing(string json, string field)
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync("+12125550123", "America/New_York", "09:30");
        var before = await driver.GetAsync("+12125550123");

        using var response = await driver.Admin.PatchAsync(
            "/api/subscriptions/%2B12125550123", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        await AssertProblemAsync(response, field);
        Assert.Equal(before, await driver.GetAsync("+12125550123"), SubscriberRowComparer.Instance);
    }

    [Theory]
    [InlineData("GET", "/api/subscriptions/not-a-phone")]
    [InlineData("DELETE", "/api/subscriptions/12")]
    [InlineData("GET", "/api/subscriptions/abc/messages")]
    [InlineData("GET", "/api/subscriptions?status=unknown")]
    [InlineData("GET", "/api/subscriptions?status=active,paused")]
    [InlineData("GET", "/api/subscriptions?status=2")]
    [InlineData("GET", "/api/subscriptions?pageSize=0")]
    [InlineData("GET", "/api/subscriptions?pageSize=100000")]
    public async Task AdminEndpoints_InvalidPathOrQuery_Return400Problem(string method, string url)
    {
        await using var app = new RemindersAppFactory(Start);
        using var client = app.CreateAdminClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("GET", "/api/subscriptions", null)]
    [InlineData("GET", "/api/subscriptions/%2B12125550123", null)]
    [InlineData("PATCH", "/api/subscriptions/%2B12125550123", "Bearer wrong-key-wrong-key-123")]
    [InlineData("DELETE", "/api/subscriptions/%2B12125550123", "Basic dGVzdDp0ZXN0")]
    [InlineData("GET", "/api/subscriptions/%2B12125550123/messages", "Bearer ")]
    public async Task AdminEndpoints_MissingOrWrongKey_Return401(string method, string url, string? authorization)
    {
        await using var app = new RemindersAppFactory(Start);
        var driver = new AppDriver(app);
        await driver.SignUpAsync("+12125550123", "America/New_York", "09:30");
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = method == "PATCH" ? JsonContent.Create(new { status = "active" }) : null,
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        using var response = await client.SendAsync(request, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("pending", (await driver.GetAsync("+12125550123")).Status);
    }

    private static async Task AssertProblemAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<ValidationProblemDetails>(Ct);
        Assert.NotNull(problem);
        Assert.Contains(field, problem.Errors.Keys);
    }

    private static async Task AssertNothingStoredAsync(RemindersAppFactory app)
    {
        using var admin = app.CreateAdminClient();
        var page = await admin.GetFromJsonAsync<PageRow>("/api/subscriptions", Ct);
        Assert.NotNull(page);
        Assert.Empty(page.Items);
    }

    private sealed record PageRow(IReadOnlyList<SubscriberRow> Items, string? ContinuationToken);

    private sealed class SubscriberRowComparer : IEqualityComparer<SubscriberRow>
    {
        public static readonly SubscriberRowComparer Instance = new();

        public bool Equals(SubscriberRow? x, SubscriberRow? y) =>
            x is not null && y is not null && x.Phone == y.Phone && x.Status == y.Status && x.TimeZone == y.TimeZone
            && x.SendAt == y.SendAt && x.Categories.SequenceEqual(y.Categories) && x.PausedUntil == y.PausedUntil
            && x.NextDueUtc == y.NextDueUtc;

        public int GetHashCode(SubscriberRow obj) => obj.Phone.GetHashCode(StringComparison.Ordinal);
    }
}
