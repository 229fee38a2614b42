using System.Net;
using Azure.Core;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

public sealed class TableConnectionResolverTests
{
    private const string Key = TableConnectionString.DevelopmentAccountKey;
    private static readonly string Explicit = $"AccountName=explicit;AccountKey={Key}";
    private static readonly string WebJobs = $"AccountName=webjobs;AccountKey={Key}";

    [Fact]
    public void Resolve_TablesConnectionStringSet_WinsOverEverything()
    {
        var settings = TableConnectionResolver.Resolve(Config(
            ("Storage:TablesConnectionString", Explicit),
            ("Storage:TablesEndpoint", "https://ep.table.core.windows.net"),
            ("AzureWebJobsStorage", WebJobs)));

        Assert.Equal("explicit", settings.ConnectionString!.AccountName);
        Assert.Equal("Storage:TablesConnectionString", settings.Source);
        Assert.False(settings.UsesEntraId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Resolve_NoTablesConnectionString_FallsBackToAzureWebJobsStorage(string? tablesConnectionString)
    {
        var settings = TableConnectionResolver.Resolve(Config(
            ("Storage:TablesConnectionString", tablesConnectionString),
            ("AzureWebJobsStorage", WebJobs)));

        Assert.Equal("webjobs", settings.ConnectionString!.AccountName);
        Assert.Equal("AzureWebJobsStorage", settings.Source);
    }

    [Fact]
    public void Resolve_AzureWebJobsStorageIsDevelopmentStorage_UsesAzuriteDefaults()
    {
        var settings = TableConnectionResolver.Resolve(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), settings.ConnectionString!.Endpoint);
    }

    [Fact]
    public void Resolve_OnlyTablesEndpoint_UsesEntraId()
    {
        var settings = TableConnectionResolver.Resolve(Config(("Storage:TablesEndpoint", "https://acct.table.core.windows.net")));

        Assert.True(settings.UsesEntraId);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), settings.Endpoint);
    }

    [Fact]
    public void Resolve_TablesEndpointAndHostStorage_ExplicitEndpointWins()
    {
        var settings = TableConnectionResolver.Resolve(Config(
            ("Storage:TablesEndpoint", "https://acct.table.core.windows.net"),
            ("AzureWebJobsStorage", WebJobs)));

        Assert.True(settings.UsesEntraId);
    }

    [Fact]
    public void Resolve_IdentityBasedHostStorage_UsesAccountTableEndpointWithEntraId()
    {
        var settings = TableConnectionResolver.Resolve(Config(("AzureWebJobsStorage:accountName", "hostacct")));

        Assert.Equal(new Uri("https://hostacct.table.core.windows.net"), settings.Endpoint);
        Assert.True(settings.UsesEntraId);
    }

    [Fact]
    public void Resolve_NothingConfigured_ThrowsNamingTheSettings()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => TableConnectionResolver.Resolve(Config()));

        Assert.Contains("Storage:TablesConnectionString", ex.Message, StringComparison.Ordinal);
        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_BrokenConnectionString_NamesSourceButNotSecret()
    {
        var secret = "AccountName=acct;AccountKey=s3cr3t!!notbase64";

        var ex = Assert.Throws<InvalidOperationException>(() => TableConnectionResolver.Resolve(Config(("AzureWebJobsStorage", secret))));

        Assert.Contains("AzureWebJobsStorage", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cr3t", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTableStores_NoConnectionConfigured_FailsOptionsValidation()
    {
        using var provider = Services(Config()).BuildServiceProvider();

        var ex = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TableStoreOptions>>().Value);
        Assert.Contains("Storage:TablesConnectionString", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddTableStores_BadPrefix_FailsOptionsValidation()
    {
        using var provider = Services(Config(("AzureWebJobsStorage", WebJobs), ("Storage:TablesPrefix", "9-bad"))).BuildServiceProvider();

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TableStoreOptions>>().Value);
    }

    [Fact]
    public void AddTableStores_WebJobsFallbackAndPrefix_ResolvesEveryPortOnPrefixedTables()
    {
        using var provider = Services(Config(("AzureWebJobsStorage", WebJobs), ("Storage:TablesPrefix", "dev1"))).BuildServiceProvider();

        Assert.IsType<TableSubscriberStore>(provider.GetRequiredService<ISubscriberStore>());
        Assert.IsType<TableScheduleIndex>(provider.GetRequiredService<IScheduleIndex>());
        Assert.IsType<TableDeliveryStore>(provider.GetRequiredService<IDeliveryStore>());
        Assert.IsType<TablePromptStore>(provider.GetRequiredService<IPromptStore>());
        Assert.IsType<TableConsentLog>(provider.GetRequiredService<IConsentLog>());
        Assert.IsType<TableMessageLog>(provider.GetRequiredService<IMessageLog>());
        Assert.IsType<TableStoreInitializer>(provider.GetRequiredService<IStoreInitializer>());
        var tables = provider.GetRequiredService<TableStoreTables>();
        Assert.Equal("dev1Subscribers", tables.Subscribers.Name);
        Assert.Equal(new Uri("https://webjobs.table.core.windows.net"), tables.Service.Endpoint);
    }

    [Fact]
    public async Task AddTableStores_OnlyTablesEndpointWithRegisteredCredential_SendsBearerToken()
    {
        var handler = new ScriptedTableHandler().EnqueueJson(HttpStatusCode.NoContent, string.Empty);
        var services = Services(Config(("Storage:TablesEndpoint", "https://acct.table.core.windows.net")));
        services.AddSingleton<TokenCredential>(new StaticCredential());
        services.AddHttpClient(TableStoreServiceCollectionExtensions.HttpClientName).ConfigurePrimaryHttpMessageHandler(() => handler);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TableServiceClient>().CreateTableIfNotExistsAsync("prompts", TestContext.Current.CancellationToken);

        Assert.Equal("Bearer static-token", Assert.Single(handler.Requests).Headers["Authorization"]);
    }

    [Fact]
    public void AddTableStores_OnlyTablesEndpoint_ResolvesEntraIdClientWithoutCallingCredential()
    {
        using var provider = Services(Config(("Storage:TablesEndpoint", "https://acct.table.core.windows.net"))).BuildServiceProvider();

        var client = provider.GetRequiredService<TableServiceClient>();

        Assert.Equal("acct", client.AccountName);
        Assert.Null(provider.GetService<TokenCredential>());
        Assert.True(provider.GetRequiredService<TableConnectionSettings>().UsesEntraId);
    }

    private static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private static ServiceCollection Services(IConfiguration configuration)
    {
        var services = new ServiceCollection();
        services.AddSingleton(configuration);
        services.AddTableStores();
        return services;
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("static-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
