using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Storage.Tables;

/// <summary>Registers the Table Storage implementations of every store port on <c>Azure.Data.Tables</c>.</summary>
public static class TableStoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds the table stores. The connection comes from <see cref="TableConnectionResolver"/> (connection string,
    /// <c>Storage:TablesEndpoint</c> with <c>DefaultAzureCredential</c>, or <c>AzureWebJobsStorage</c>) and is validated
    /// at start-up. A <see cref="TokenCredential"/> registered in the container replaces <c>DefaultAzureCredential</c>;
    /// a <see cref="TableClientOptions"/> registered in the container replaces <see cref="CreateClientOptions"/> (tests
    /// use it to add pipeline policies or a transport).
    /// </summary>
    public static IServiceCollection AddTableStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);

        services.AddOptions<TableStoreOptions>()
            .BindConfiguration(TableStoreOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStoreOptions>, TableStoreOptionsAttributesValidator>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TableStoreOptions>, TableStoreOptionsValidator>());

        services.TryAddSingleton(sp => TableConnectionResolver.Resolve(sp.GetRequiredService<IConfiguration>()));
        services.TryAddSingleton(CreateServiceClient);
        services.TryAddSingleton(sp => new TableStoreTables(
            sp.GetRequiredService<TableServiceClient>(), sp.GetRequiredService<IOptions<TableStoreOptions>>().Value.TablesPrefix));

        services.AddSingleton<ISubscriberStore, TableSubscriberStore>();
        services.AddSingleton<IScheduleIndex, TableScheduleIndex>();
        services.AddSingleton<IDeliveryStore, TableDeliveryStore>();
        services.AddSingleton<IPromptStore, TablePromptStore>();
        services.AddSingleton<IConsentLog, TableConsentLog>();
        services.AddSingleton<IMessageLog, TableMessageLog>();
        services.AddSingleton<IPromptChangeLog, TablePromptChangeLog>();
        services.AddSingleton<IStatsStore, TableStatsStore>();
        services.AddSingleton<IInboundLog, TableInboundLog>();
        services.AddSingleton<ILimitStore, TableLimitStore>();
        services.AddSingleton<IScanQuarantine, TableScanQuarantine>();
        services.AddSingleton<IPersonalDataStore, TablePersonalDataStore>();
        services.AddSingleton<IRetentionStore, TableRetentionStore>();
        services.AddSingleton<IStoreInitializer, TableStoreInitializer>();
        return services;
    }

    /// <summary>
    /// The client options the stores use: exponential retries of timeouts, 408, 429 and 5xx (the SDK's rules; 409 and
    /// 412 are never retried), at most 4 retries from 0.5 s up to 8 s apart, and a 30 s network timeout per attempt.
    /// Retries are what turn a lost response into a 409 or 412; the stores read the row back in that case.
    /// </summary>
    public static TableClientOptions CreateClientOptions()
    {
        var options = new TableClientOptions();
        options.Retry.Mode = RetryMode.Exponential;
        options.Retry.MaxRetries = 4;
        options.Retry.Delay = TimeSpan.FromMilliseconds(500);
        options.Retry.MaxDelay = TimeSpan.FromSeconds(8);
        options.Retry.NetworkTimeout = TimeSpan.FromSeconds(30);
        options.Diagnostics.IsLoggingContentEnabled = false;
        return options;
    }

    private static TableServiceClient CreateServiceClient(IServiceProvider services)
    {
        var settings = services.GetRequiredService<TableConnectionSettings>();
        var options = services.GetService<TableClientOptions>() ?? CreateClientOptions();
        return settings.ConnectionString is { } connection
            ? new TableServiceClient(connection, options)
            : new TableServiceClient(settings.Endpoint, services.GetService<TokenCredential>() ?? new DefaultAzureCredential(), options);
    }
}
