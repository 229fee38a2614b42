using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Reminders.Core.Storage.Sqlite;

/// <summary>Registers the embedded SQLite implementations of the store ports.</summary>
public static class SqliteServiceCollectionExtensions
{
    /// <summary>
    /// Registers every store port as a singleton over one SQLite file at <see cref="StorageOptions.SqlitePath"/>.
    /// The schema is created on first use, or earlier through <see cref="IStoreInitializer"/>.
    /// </summary>
    public static IServiceCollection AddSqliteStores(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<StorageOptions>();
        services.AddSingleton(sp => new SqliteDatabase(
            sp.GetRequiredService<IOptions<StorageOptions>>(),
            sp.GetService<ILogger<SqliteDatabase>>() ?? NullLogger<SqliteDatabase>.Instance));
        services.AddSingleton<ISubscriberStore>(sp => new SqliteSubscriberStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IScheduleIndex>(sp => new SqliteScheduleIndex(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IDeliveryStore>(sp => new SqliteDeliveryStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IPromptStore>(sp => new SqlitePromptStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IConsentLog>(sp => new SqliteConsentLog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IMessageLog>(sp => new SqliteMessageLog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IPromptChangeLog>(sp => new SqlitePromptChangeLog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IStatsStore>(sp => new SqliteStatsStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IInboundLog>(sp => new SqliteInboundLog(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<ILimitStore>(sp => new SqliteLimitStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IPersonalDataStore>(sp => new SqlitePersonalDataStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IScanQuarantine>(sp => new SqliteScanQuarantine(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IRetentionStore>(sp => new SqliteRetentionStore(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IStoreInitializer>(sp => new SqliteStoreInitializer(sp.GetRequiredService<SqliteDatabase>()));
        services.AddSingleton<IStoreTransactions>(sp => new SqliteStoreTransactions(sp.GetRequiredService<SqliteDatabase>()));
        return services;
    }
}
