using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reminders.Core.Scheduling;

namespace Reminders.Core.Sms.Twilio;

/// <summary>Registers the Twilio gateway. Call it only when <see cref="TwilioOptions.IsConfigured"/> is true.</summary>
public static class TwilioServiceCollectionExtensions
{
    /// <summary>
    /// Binds and validates <c>Twilio</c> (and <c>Delivery</c>, for pacing) at start-up, registers the named
    /// <see cref="HttpClient"/> the SDK sends with (<see cref="TwilioApiBaseUrlHandler"/>, <see cref="TwilioCallHandler"/>),
    /// the shared pacers (<see cref="SendPacers"/>), the <see cref="TwilioSignatureValidator"/> and <see cref="TwilioSmsGateway"/>
    /// as the <see cref="ISmsGateway"/>.
    /// </summary>
    public static IServiceCollection AddTwilio(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);

        services.AddOptions<TwilioOptions>()
            .Bind(configuration.GetSection(TwilioOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TwilioOptions>, TwilioOptionsValidator>());
        services.AddDeliveryOptions(configuration); // the pace; a no-op when AddRemindersCore has registered it

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SendPacer>();
        services.TryAddSingleton<SendPacers>();
        services.TryAddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<TwilioOptions>>().Value;
            return new TwilioSignatureValidator(
                options.AuthToken ?? throw new InvalidOperationException("Twilio:AuthToken is required to check webhook signatures."),
                options.WebhookBaseUrl);
        });

        services.TryAddTransient<TwilioApiBaseUrlHandler>();
        services.TryAddTransient<TwilioCallHandler>();
        // The timeout runs on the injected clock in TwilioCallHandler; HttpClient.Timeout is off so it cannot
        // masquerade as a connect failure.
        // The request URLs carry the Account SID (the Messages resource path), and the default
        // HttpClient logging writes every URL: this client logs nothing by itself; TwilioCallHandler logs what matters.
        services.AddHttpClient(TwilioSmsGateway.HttpClientName, http => http.Timeout = Timeout.InfiniteTimeSpan)
            .RemoveAllLoggers()
            .AddHttpMessageHandler<TwilioApiBaseUrlHandler>()
            .AddHttpMessageHandler<TwilioCallHandler>()
            .ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
            {
                // The SDK does not follow redirects either; a redirect would re-post the form somewhere else.
                AllowAutoRedirect = false,
                ConnectTimeout = sp.GetRequiredService<IOptions<TwilioOptions>>().Value.ConnectTimeout,
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            });

        services.TryAddTransient<TwilioSmsGateway>();
        services.AddTransient<ISmsGateway>(sp => sp.GetRequiredService<TwilioSmsGateway>());
        return services;
    }
}
