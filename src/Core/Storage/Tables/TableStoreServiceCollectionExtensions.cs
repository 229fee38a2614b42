using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Core.Storage.Tables;

/// <summary>Registers the Table Storage implementations of every store port.</summary>
public static class TableStoreServiceCollectionExtensions
{
    /// <summary>Name of the <see cref="HttpClient"/> the table client uses (tests can swap its primary handler).</summary>
    public const string HttpClientName = "Reminders.Tables";

    /// <summary>
    /// Adds the table stores. The connection comes from <see cref="TableConnectionResolver"/> (connection string,
    /// <c>Storage:TablesEndpoint</c> with <c>DefaultAzureCredential</c>, or <c>AzureWebJobsStorage</c>) and is validated
    /// at start-up. A <see cref="TokenCredential"/> registered in the container replaces <c>DefaultAzureCredential</c>.
    /// </summary>
    public static IServiceCollection AddTableStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddHttpClient(HttpClientName, http => http.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) });

        services.AddOptions<TableStoreOptions>()
            .BindConfiguration(TableStoreOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
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
        services.AddSingleton<IStoreInitializer, TableStoreInitializer>();
        return services;
    }

    private static TableServiceClient CreateServiceClient(IServiceProvider services)
    {
        var settings = services.GetRequiredService<TableConnectionSettings>();
        var http = services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
        var time = services.GetRequiredService<TimeProvider>();
        var logger = services.GetService<ILogger<TableServiceClient>>();
        return settings.ConnectionString is { } connection
            ? new TableServiceClient(http, connection, time, logger: logger)
            : new TableServiceClient(http, settings.Endpoint!, services.GetService<TokenCredential>() ?? new DefaultAzureCredential(), time, logger: logger);
    }
}
