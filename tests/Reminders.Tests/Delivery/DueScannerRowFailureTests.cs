using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.Functions;

namespace Reminders.Tests.Delivery;

public sealed class DueScannerRowFailureTests
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task ScanAsync_OneRowFailsOnce_OthersStillSentAndFailedRowRetriedNextScan()
    {
        var flaky = new FlakyPhone("+12125550002");
        await using var app = new RemindersAppFactory(Start, b => b.ConfigureTestServices(services =>
        {
            var inner = services.Single(d => d.ServiceType == typeof(ISubscriberStore));
            services.Remove(inner);
            services.AddSingleton<ISubscriberStore>(sp => new FailingSubscriberStore(
                (ISubscriberStore)(inner.ImplementationInstance ?? inner.ImplementationFactory?.Invoke(sp) ?? ActivatorUtilities.CreateInstance(sp, inner.ImplementationType!)),
                flaky));
        }));
        var driver = new AppDriver(app);
        foreach (var phone in new[] { "+12125550001", "+12125550002" })
        {
            await driver.SignUpAsync(phone, "America/New_York", "09:30");
            await driver.ActivateAsync(phone);
        }

        app.Time.Advance(TimeSpan.FromMinutes(91));
        flaky.FailNext = true;
        var first = await driver.ScanAsync();
        var second = await driver.ScanAsync();

        Assert.Equal(1, first);
        Assert.Equal(1, second);
        Assert.Single(await driver.NudgesAsync("+12125550001"));
        Assert.Single(await driver.NudgesAsync("+12125550002"));
    }

    private sealed class FlakyPhone(string phone)
    {
        public string Phone { get; } = phone;

        public bool FailNext { get; set; }
    }

    private sealed class FailingSubscriberStore(ISubscriberStore inner, FlakyPhone flaky) : ISubscriberStore
    {
        public Task<Stored<Subscriber>?> GetAsync(PhoneNumber phone, CancellationToken cancellationToken)
        {
            if (flaky.FailNext && phone.Value == flaky.Phone)
            {
                flaky.FailNext = false;
                throw new IOException("storage hiccup");
            }

            return inner.GetAsync(phone, cancellationToken);
        }

        public Task<string?> TryInsertAsync(Subscriber subscriber, CancellationToken cancellationToken) => inner.TryInsertAsync(subscriber, cancellationToken);

        public Task<string?> TryReplaceAsync(Subscriber subscriber, string ifMatch, CancellationToken cancellationToken) =>
            inner.TryReplaceAsync(subscriber, ifMatch, cancellationToken);

        public Task<bool> DeleteAsync(PhoneNumber phone, CancellationToken cancellationToken) => inner.DeleteAsync(phone, cancellationToken);

        public Task<Page<Subscriber>> ListAsync(SubscriberStatus? status, int pageSize, string? continuationToken, CancellationToken cancellationToken) =>
            inner.ListAsync(status, pageSize, continuationToken, cancellationToken);
    }
}
