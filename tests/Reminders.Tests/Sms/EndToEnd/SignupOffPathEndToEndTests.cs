using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Reminders.Core.Sms;
using Reminders.Core.Subscribers;
using Reminders.Functions.Standalone;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Sms.EndToEnd;

/// <summary>
/// Finding 5 of the probe, standalone over real HTTP: with an SMS gateway that never answers, a signup for a new number
/// still gets its 202, the same answer as an existing number's, and the confirmation is sent afterwards by the
/// in-process <c>confirmations</c> queue's worker, outside any request.
/// </summary>
public sealed class SignupOffPathEndToEndTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 15, 0, 0, TimeSpan.Zero);

    private const string NewNumber = "+12125550151";
    private const string ExistingNumber = "+12125550152";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SignUp_GatewayNeverAnswers_202AtOnceLikeAnExistingNumber_TheQueueWorkerSendsTheTextLater()
    {
        await using var h = await SmsAppHarness.StartAsync(Start, twilio: false, configure: builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpContextAccessor();
            services.RemoveAll<ISmsGateway>();
            services.AddSingleton(sp => new NeverAnsweringGateway(sp.GetRequiredService<IHttpContextAccessor>()));
            services.AddSingleton<ISmsGateway>(sp => sp.GetRequiredService<NeverAnsweringGateway>());
        }));
        var gateway = h.App.Services.GetRequiredService<NeverAnsweringGateway>();
        var queue = h.App.Services.GetRequiredService<ConfirmationQueue>();
        Assert.NotNull(await h.App.Services.GetRequiredService<SubscriberUpdater>().InsertAsync(CoreHarness.Active(ExistingNumber), Ct));

        // An existing (active) number: 202, and its queue message is worked off without a text.
        using var existing = await PostAsync(h, ExistingNumber);
        await queue.WaitForIdleAsync(Ct);
        Assert.Empty(gateway.Calls);

        // A new number: the answer comes although the gateway never answers; a send inside the request would come first.
        var post = PostAsync(h, NewNumber);
        Assert.Same(post, await Task.WhenAny(post, gateway.CalledInRequest));
        using var created = await post;
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(
            (existing.StatusCode, existing.Content.Headers.ContentType?.ToString(), await existing.Content.ReadAsStringAsync(Ct)),
            (created.StatusCode, created.Content.Headers.ContentType?.ToString(), await created.Content.ReadAsStringAsync(Ct)));

        // The queue worker sends it, outside any request: exactly one text, to the new number.
        await gateway.Called;
        var call = Assert.Single(gateway.Calls);
        Assert.Equal((NewNumber, OutboundMessageKinds.Confirmation, false), (call.Sms.To.Value, call.Sms.Kind, call.InRequest));
        Assert.Equal(1, queue.Pending);
    }

    private static Task<HttpResponseMessage> PostAsync(SmsAppHarness h, string phone) =>
        h.Http.PostAsJsonAsync("/api/subscriptions", new { phone, timeZone = "America/New_York", sendAt = "09:00" }, Ct);
}
