using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Reminders.Bench.Load;

/// <summary>
/// The ceilings the app is compared with, measured in the same run with plain HttpClient loops: the fake's POST
/// capacity and Azurite's single-insert capacity, each at a given number of concurrent requests.
/// </summary>
internal static class RawLoads
{
    private const string SampleBody =
        "Today's idea: ask someone a question at dinner and listen to the whole answer with your phone away. Reply DONE when you did it.";

    /// <summary>Requests per second of <c>count</c> form POSTs to the fake's Messages.json, <c>concurrency</c> at a time.</summary>
    public static async Task<double> TwilioPostsPerSecondAsync(Uri fake, int concurrency, int count)
    {
        using var client = NewClient(concurrency);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.ASCII.GetBytes($"{FakeTwilio.AccountSid}:{FakeTwilio.AuthToken}")));
        var url = new Uri(fake, $"2010-04-01/Accounts/{FakeTwilio.AccountSid}/Messages.json");

        async Task PostAsync(int i)
        {
            using var form = new FormUrlEncodedContent(
            [
                new("To", Phones.Number(7_000_000 + (i % 100_000))),
                new("From", FakeTwilio.From),
                new("Body", SampleBody),
            ]);
            using var response = await client.PostAsync(url, form);
            response.EnsureSuccessStatusCode();
        }

        return await RateAsync(concurrency, count, PostAsync);
    }

    /// <summary>Single-entity inserts per second into a fresh table, <c>concurrency</c> at a time, Shared Key Lite signed.</summary>
    public static async Task<double> TableInsertsPerSecondAsync(Uri tableEndpoint, int concurrency, int count)
    {
        using var client = NewClient(concurrency);
        var table = "benchraw" + RandomNumberGenerator.GetHexString(8, lowercase: true);
        var root = tableEndpoint.ToString().TrimEnd('/');
        using (var create = Signed(HttpMethod.Post, new Uri(root + "/Tables"), $$"""{"TableName":"{{table}}"}"""))
        using (var created = await client.SendAsync(create))
        {
            created.EnsureSuccessStatusCode();
        }

        async Task InsertAsync(int i)
        {
            var entity = $$"""{"PartitionKey":"p{{i % 64}}","RowKey":"r{{i:D9}}","Text":"{{SampleBody}}","Count":{{i}}}""";
            using var insert = Signed(HttpMethod.Post, new Uri(root + "/" + table), entity);
            using var response = await client.SendAsync(insert);
            response.EnsureSuccessStatusCode();
        }

        return await RateAsync(concurrency, count, InsertAsync);
    }

    private static HttpClient NewClient(int concurrency) =>
#pragma warning disable CA2000 // the client owns the handler
        new(new SocketsHttpHandler { UseProxy = false, UseCookies = false, MaxConnectionsPerServer = concurrency }, disposeHandler: true)
        {
            Timeout = TimeSpan.FromMinutes(1),
        };
#pragma warning restore CA2000

    /// <summary>A short warm-up (connections, JIT), then <paramref name="count"/> calls from <paramref name="concurrency"/> workers.</summary>
    private static async Task<double> RateAsync(int concurrency, int count, Func<int, Task> call)
    {
        var warmup = Math.Min(count / 10 + concurrency, 500);
        await RunAsync(concurrency, warmup, call, offset: 1_000_000);
        var clock = Stopwatch.StartNew();
        await RunAsync(concurrency, count, call, offset: 0);
        return count / clock.Elapsed.TotalSeconds;
    }

    /// <summary>Calls <paramref name="call"/> for <paramref name="offset"/> .. offset + count - 1 from <paramref name="concurrency"/> workers.</summary>
    internal static Task RunAsync(int concurrency, int count, Func<int, Task> call, int offset)
    {
        var next = -1;
        return Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                await call(offset + i);
            }
        }));
    }

    private static HttpRequestMessage Signed(HttpMethod method, Uri uri, string json)
    {
        var request = new HttpRequestMessage(method, uri) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        var date = TimeProvider.System.GetUtcNow().ToString("R", CultureInfo.InvariantCulture);
        request.Headers.TryAddWithoutValidation("x-ms-date", date);
        request.Headers.TryAddWithoutValidation("x-ms-version", "2019-02-02");
        request.Headers.TryAddWithoutValidation("DataServiceVersion", "3.0");
        request.Headers.TryAddWithoutValidation("Accept", "application/json;odata=nometadata");
        request.Headers.TryAddWithoutValidation("Prefer", "return-no-content");
        var resource = "/" + Azurite.AccountName + uri.AbsolutePath;
        var signature = Convert.ToBase64String(HMACSHA256.HashData(
            Convert.FromBase64String(Azurite.AccountKey), Encoding.UTF8.GetBytes(date + "\n" + resource)));
        request.Headers.TryAddWithoutValidation("Authorization", $"SharedKeyLite {Azurite.AccountName}:{signature}");
        return request;
    }
}
