using Reminders.Core;
using Reminders.Functions.Http;
using Reminders.Functions.Http.Admin;
using Reminders.Functions.Http.AdminPage;
using Reminders.Functions.Http.Sms;
using Reminders.Functions.Http.Subscriptions;

namespace Reminders.Functions.Hosting;

/// <summary>The services both modes share: Core, the HTTP helpers the functions call, and the store start-up.</summary>
internal static class RemindersServices
{
    public static IServiceCollection AddReminders(this IServiceCollection services, IConfiguration configuration, HostingMode mode)
    {
        services.AddProblemDetails();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, HttpJsonContext.Default));
        services.AddRemindersCore(configuration);
        services.AddSingleton(new HostingModeInfo(mode));
        services.AddSingleton<SignupRateLimits>();
        services.AddSingleton(AdminKeyRing.FromConfiguration(configuration, generateWhenMissing: mode == HostingMode.Standalone));
        services.AddSingleton<HttpPipeline>();
        services.AddSingleton<TwilioWebhookVerifier>();
        services.AddSingleton<AdminPage>();
        services.AddSingleton<StoreReadiness>();
        services.AddHostedService<StoreStartup>();
        return services;
    }
}
