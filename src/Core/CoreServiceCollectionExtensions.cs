using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reminders.Core.Conversations;
using Reminders.Core.Delivery;
using Reminders.Core.Privacy;
using Reminders.Core.Prompts;
using Reminders.Core.Retention;
using Reminders.Core.Scheduling;
using Reminders.Core.Sms;
using Reminders.Core.Sms.DryRun;
using Reminders.Core.Stats;
using Reminders.Core.Sms.Twilio;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Subscribers;

namespace Reminders.Core;

public static class CoreServiceCollectionExtensions
{
    /// <summary>Registers options (validated at start), the store chosen by <c>Storage:Provider</c>, the SMS gateway and the services.</summary>
    public static IServiceCollection AddRemindersCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var scanSchedule = ScanSchedule.TryParse(configuration["DueScanSchedule"] is { Length: > 0 } expression ? expression : ScanSchedule.Default);
        services.AddDeliveryOptions(configuration)
            .PostConfigure(o =>
            {
                if (scanSchedule is not null)
                {
                    o.ScanInterval = ScanSchedule.LongestGap(scanSchedule);
                }
            })
            .Validate(_ => scanSchedule is not null, "DueScanSchedule is not a valid NCRONTAB expression (six fields with seconds, or five).")
            .Validate(o => o.QuietHoursStart < o.LatestSendAt, "Delivery:QuietHoursStart must be well before Delivery:QuietHoursEnd (at least one scan interval of DueScanSchedule apart).")
            .Validate(DeliveryOptions.QuietHoursAreLawful, "Delivery:QuietHoursStart and Delivery:QuietHoursEnd must lie within 08:00-21:00 local time (the TCPA window for texts).")
            .ValidateOnStart();
        services.AddOptions<SignupOptions>().Bind(configuration.GetSection(SignupOptions.SectionName))
            .Validate(o => TimeZoneInfo.TryFindSystemTimeZoneById(o.DefaultTimeZone, out _), "Signup:DefaultTimeZone is not a known IANA time zone.")
            .Validate(o => o.EffectiveCountryCodes.All(PhoneNumber.IsCountryCode), "Signup:AllowedCountryCodes entries are country calling codes without '+', for example 1 or 44.")
            .Validate(o => o.EffectiveRegions.All(PhoneNumber.IsRegion), "Signup:AllowedRegions entries are ISO 3166 region codes, for example US or CA.")
            .Validate(o => PhoneNumber.IsCountryCode(o.DefaultCountryCode), "Signup:DefaultCountryCode is a country calling code without '+', for example 1 or 44.")
            .ValidateOnStart();
        var twilioConfigured = TwilioOptions.IsConfigured(configuration);
        services.AddOptions<ProgramOptions>().Bind(configuration.GetSection(ProgramOptions.SectionName))
            .Validate(o => o.Name is null || SmsSegmentCounter.IsGsm7(o.Name), "Program:Name must use only GSM-7 characters (no curly quotes, dashes or emoji), or every text turns into UCS-2 and costs twice as much.")
            .Validate(o => !twilioConfigured || !string.IsNullOrWhiteSpace(o.SupportContact), "Program:SupportContact (an email, URL or phone number of at most 30 characters) is required when Twilio is configured: carriers reject a HELP reply without a support contact.")
            .Validate(o => o.SupportContact is null || SmsSegmentCounter.IsGsm7(o.SupportContact), "Program:SupportContact must use only GSM-7 characters.")
            .ValidateOnStart();
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.SectionName))
            .Validate(o => o.Provider is "sqlite" or "tables", "Storage:Provider must be 'sqlite' or 'tables'.")
            .ValidateOnStart();
        services.AddOptions<PrivacyOptions>().Bind(configuration.GetSection(PrivacyOptions.SectionName))
            .Validate(o => o.HasUsableKey(), $"Privacy:SuppressionKey must be base64 of at least {PrivacyOptions.MinKeyBytes} random bytes (or unset to keep a generated key in the store).")
            .ValidateOnStart();
        var retentionSchedule = configuration[RetentionOptions.ScheduleSetting] is { Length: > 0 } retentionExpression ? retentionExpression : RetentionOptions.DefaultSchedule;
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Validate(_ => ScanSchedule.TryParse(retentionSchedule) is not null, $"{RetentionOptions.ScheduleSetting} is not a valid NCRONTAB expression (six fields with seconds, or five).")
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<RetentionOptions>, RetentionOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SignupOptions>, SignupOptionsValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ProgramOptions>, ProgramOptionsValidator>());

        services.TryAddSingleton(TimeProvider.System);
        if (string.Equals(configuration[$"{StorageOptions.SectionName}:Provider"], "tables", StringComparison.OrdinalIgnoreCase))
        {
            services.AddTableStores();
        }
        else
        {
            services.AddSqliteStores();
        }

        // Stores without multi-row transactions (Table Storage) write row by row.
        services.TryAddSingleton<IStoreTransactions, NoStoreTransactions>();

        // Twilio when Twilio:AccountSid is set, otherwise the dry-run outbox (a gateway registered earlier, as tests do, wins over dry-run).
        if (twilioConfigured)
        {
            services.AddTwilio(configuration);
        }
        else
        {
            services.TryAddSingleton<ISmsGateway, DryRunSmsGateway>();
        }

        services.AddSingleton<MessageSender>();
        services.AddSingleton<ReplyTexts>();
        services.AddSingleton<SubscriberUpdater>();
        services.AddSingleton<SignupLimits>();
        services.AddSingleton<NumberHasher>();
        services.AddSingleton<PersonalDataService>();
        services.AddSingleton<SubscriptionService>();
        services.AddSingleton<ConfirmationSender>();
        services.AddSingleton<DueScanner>();
        services.AddSingleton<ScanQuarantineService>();
        services.AddSingleton<RetentionSweeper>();
        services.AddSingleton<BatchSender>();
        services.AddSingleton<PromptLibraryService>();
        services.AddSingleton<StatsService>();
        services.AddSingleton<PromptStatsRecorder>();
        services.AddSingleton<NudgeHistory>();
        services.AddSingleton<ConversationService>();
        services.AddSingleton<ConsentCommands>();
        services.AddSingleton<PreferenceCommands>();
        services.AddSingleton<HabitCommands>();
        services.AddSingleton<StatusCallbackService>();
        return services;
    }
}

[OptionsValidator]
internal sealed partial class RetentionOptionsValidator : IValidateOptions<RetentionOptions>;

[OptionsValidator]
internal sealed partial class SignupOptionsValidator : IValidateOptions<SignupOptions>;

[OptionsValidator]
internal sealed partial class ProgramOptionsValidator : IValidateOptions<ProgramOptions>;
