using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Scheduling;

/// <summary>The one registration of <see cref="DeliveryOptions"/>, shared by the core and by the Twilio gateway.</summary>
internal static class DeliveryOptionsRegistration
{
    /// <summary>
    /// Binds section <c>Delivery</c> and checks its attributes with the source-generated <see cref="DeliveryOptionsValidator"/>
    /// at start-up, once however many registrations ask for it (the core and the Twilio gateway both need the pace). Returns
    /// the builder for the caller's own rules.
    /// </summary>
    public static OptionsBuilder<DeliveryOptions> AddDeliveryOptions(this IServiceCollection services, IConfiguration configuration)
    {
        var builder = services.AddOptions<DeliveryOptions>();
        if (!services.Any(d => d.ImplementationType == typeof(DeliveryOptionsValidator)))
        {
            builder.Bind(configuration.GetSection(DeliveryOptions.SectionName)).ValidateOnStart();
            services.AddSingleton<IValidateOptions<DeliveryOptions>, DeliveryOptionsValidator>();
        }

        return builder;
    }
}

/// <summary>The attribute checks of <see cref="DeliveryOptions"/> (pace, concurrency, batch size, lease), generated at build time.</summary>
[OptionsValidator]
internal sealed partial class DeliveryOptionsValidator : IValidateOptions<DeliveryOptions>;
