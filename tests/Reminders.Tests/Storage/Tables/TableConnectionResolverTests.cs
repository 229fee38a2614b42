using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Tables;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

public sealed class TableConnectionResolverTests
{
    private const string Key = AzuriteFixture.AccountKey;
    private static readonly string Explicit = $"AccountName=explicit;AccountKey={Key}";
    private static readonly string WebJobs = $"AccountName=webjobs;AccountKey={Key}";

    [Fact]
    public void Resolve_TablesConnectionStringSet_WinsOverEverything()
    {
        var settings = TableConnectionResolver.Resolve(Config(
            ("Storage:TablesConnectionString", Explicit),
            ("Storage:TablesEndpoint", "https://ep.table.core.windows.net"),
            ("AzureWebJobsStorage", WebJobs)));

        Assert.Equal("explicit", settings.AccountName);
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

        Assert.Equal("webjobs", settings.AccountName);
        Assert.Equal(WebJobs, settings.ConnectionString);
        Assert.Equal("AzureWebJobsStorage", settings.Source);
    }

    [Fact]
    public void Resolve_AzureWebJobsStorageIsDevelopmentStorage_UsesAzuriteDefaults()
    {
        var settings = TableConnectionResolver.Resolve(Config(("AzureWebJobsStorage", "UseDevelopmentStorage=true")));

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), settings.Endpoint);
        Assert.Equal("devstoreaccount1", settings.AccountName);
    }

    [Fact]
    public void Resolve_OnlyTablesEndpoint_UsesEntraId()
    {
        var settings = TableConnectionResolver.Resolve(Config(("Storage:TablesEndpoint", "https://acct.table.core.windows.net")));

        Assert.True(settings.UsesEntraId);
        Assert.Equal(new Uri("https://acct.table.core.windows.net"), settings.Endpoint);
        Assert.Equal("acct", settings.AccountName);
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
        Assert.Equal(new Uri("https://webjobs.table.core.windows.net"), tables.Service.Uri);
    }

    [Fact]
    public async Task AddTableStores_OnlyTablesEndpointWithRegisteredCredential_SendsBearerToken()
    {
        var transport = new AnswerEverythingTransport();
        var services = Services(Config(("Storage:TablesEndpoint", "https://acct.table.core.windows.net")));
        services.AddSingleton<TokenCredential>(new StaticCredential());
        var options = TableStoreServiceCollectionExtensions.CreateClientOptions();
        options.Transport = transport;
        services.AddSingleton(options);
        using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<TableServiceClient>().CreateTableIfNotExistsAsync("prompts", TestContext.Current.CancellationToken);

        Assert.Equal("Bearer static-token", Assert.Single(transport.Authorizations));
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

    [Fact]
    public void ClientOptions_RetryTransientFailuresWithBackoff()
    {
        var options = TableStoreServiceCollectionExtensions.CreateClientOptions();

        Assert.Equal(RetryMode.Exponential, options.Retry.Mode);
        Assert.InRange(options.Retry.MaxRetries, 3, 5);
        Assert.True(options.Retry.NetworkTimeout <= TimeSpan.FromSeconds(60));
    }

    /// <summary>Answers every request 204 and remembers the Authorization headers it saw.</summary>
    private sealed class AnswerEverythingTransport : HttpPipelineTransport
    {
        private static readonly HttpClientTransport Inner = new();

        public List<string> Authorizations { get; } = [];

        public override Request CreateRequest() => Inner.CreateRequest();

        public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

        public override ValueTask ProcessAsync(HttpMessage message)
        {
            Authorizations.Add(message.Request.Headers.TryGetValue("Authorization", out var value) ? value : string.Empty);
            message.Response = new NoContentResponse();
            return ValueTask.CompletedTask;
        }
    }

    private sealed class NoContentResponse : Response
    {
        public override int Status => 204;

        public override string ReasonPhrase => "No Content";

        public override Stream? ContentStream { get; set; }

        public override string ClientRequestId { get; set; } = string.Empty;

        public override void Dispose()
        {
        }

        protected override bool ContainsHeader(string name) => false;

        protected override IEnumerable<HttpHeader> EnumerateHeaders() => [];

        protected override bool TryGetHeader(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out string? value)
        {
            value = null;
            return false;
        }

        protected override bool TryGetHeaderValues(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEnumerable<string>? values)
        {
            values = null;
            return false;
        }
    }

    private sealed class StaticCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new("static-token", DateTimeOffset.MaxValue);

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
