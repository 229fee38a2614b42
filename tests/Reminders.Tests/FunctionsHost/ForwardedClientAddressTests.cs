using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// Under the host every request comes from 127.0.0.1; the per-address signup limit must still see the client's
/// address, from the X-Forwarded-For entry Azure's front end appends (and only that last entry).
/// </summary>
public sealed class ForwardedClientAddressTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignUp_HandlerModeBehindTheHost_LimitsEachForwardedClientSeparately()
    {
        await using var app = new RemindersAppFactory(Start, builder => FromTheHost(builder, handlerMode: true));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, await SignUpAsync(client, "+12125550101", "203.0.113.7:50123"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignUpAsync(client, "+12125550102", "203.0.113.7:50999"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignUpAsync(client, "+12125550103", "198.51.100.1, 203.0.113.7"));
        Assert.Equal(HttpStatusCode.Accepted, await SignUpAsync(client, "+12125550104", "203.0.113.8:40000"));
    }

    [Fact]
    public async Task SignUp_StandaloneMode_IgnoresXForwardedFor()
    {
        await using var app = new RemindersAppFactory(Start, builder => FromTheHost(builder, handlerMode: false));
        using var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.Accepted, await SignUpAsync(client, "+12125550101", "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignUpAsync(client, "+12125550102", "203.0.113.8"));
    }

    /// <summary>One signup per address per hour, and every connection from loopback, as the host's forwarded requests are.</summary>
    private static void FromTheHost(IWebHostBuilder builder, bool handlerMode)
    {
        if (handlerMode)
        {
            AppRoutes.InHandlerMode(builder);
        }

        builder.UseSetting("Signup:MaxPerAddressPerHour", "1");
        builder.ConfigureTestServices(services => services.AddSingleton<IStartupFilter, LoopbackPeer>());
    }

    private static async Task<HttpStatusCode> SignUpAsync(HttpClient client, string phone, string forwardedFor)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions")
        {
            Content = JsonContent.Create(new { phone, timeZone = "America/New_York", sendAt = "09:30" }),
        };
        request.Headers.TryAddWithoutValidation("X-Forwarded-For", forwardedFor);
        using var response = await client.SendAsync(request, Ct);
        return response.StatusCode;
    }

    private sealed class LoopbackPeer : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Loopback;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
