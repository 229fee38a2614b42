using Reminders.Core.Storage.Tables.Client;

namespace Reminders.Tests.Storage.Tables;

public sealed class TableConnectionStringTests
{
    private const string Key = TableConnectionString.DevelopmentAccountKey;

    [Fact]
    public void Parse_UseDevelopmentStorage_IsAzuriteDefaultAccountOnPort10002()
    {
        var parsed = TableConnectionString.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.Endpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(Key, parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountKeyForm_BuildsEndpointFromSuffixAndProtocol()
    {
        var parsed = TableConnectionString.Parse($"DefaultEndpointsProtocol=https;AccountName=myacct;AccountKey={Key};EndpointSuffix=core.chinacloudapi.cn");

        Assert.Equal(new Uri("https://myacct.table.core.chinacloudapi.cn"), parsed.Endpoint);
        Assert.Equal("myacct", parsed.AccountName);
        Assert.Equal(Key, parsed.AccountKey);
    }

    [Fact]
    public void Parse_AccountKeyWithoutSuffix_DefaultsToPublicCloudHttps()
    {
        var parsed = TableConnectionString.Parse($"AccountName=myacct;AccountKey={Key}");

        Assert.Equal(new Uri("https://myacct.table.core.windows.net"), parsed.Endpoint);
    }

    [Fact]
    public void Parse_AzuriteReadmeString_UsesExplicitPathStyleTableEndpoint()
    {
        var text = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};"
            + "BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;QueueEndpoint=http://127.0.0.1:10001/devstoreaccount1;"
            + "TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

        var parsed = TableConnectionString.Parse(text);

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), parsed.Endpoint);
        Assert.Equal("devstoreaccount1", parsed.AccountName);
    }

    [Fact]
    public void Parse_PathStyleEndpointWithoutAccountName_TakesAccountFromFirstSegment()
    {
        var parsed = TableConnectionString.Parse($"TableEndpoint=http://127.0.0.1:54321/devstoreaccount1/;AccountKey={Key}");

        Assert.Equal("devstoreaccount1", parsed.AccountName);
        Assert.Equal(new Uri("http://127.0.0.1:54321/devstoreaccount1"), parsed.Endpoint);
    }

    [Fact]
    public void Parse_DnsEndpointWithoutAccountName_TakesAccountFromHost()
    {
        var parsed = TableConnectionString.Parse($"TableEndpoint=https://prod1.table.core.windows.net;AccountKey={Key}");

        Assert.Equal("prod1", parsed.AccountName);
    }

    [Fact]
    public void Parse_SasForm_KeepsTokenWithoutQuestionMark()
    {
        var parsed = TableConnectionString.Parse("TableEndpoint=https://acct.table.core.windows.net;SharedAccessSignature=?sv=2019-02-02&sig=abc%3D");

        Assert.Null(parsed.AccountKey);
        Assert.Equal("sv=2019-02-02&sig=abc%3D", parsed.SharedAccessSignature);
    }

    [Fact]
    public void Parse_KeyEndingInEquals_SplitsOnFirstEqualsOnly()
    {
        var parsed = TableConnectionString.Parse($"AccountName=a1b;AccountKey={Key}");

        Assert.EndsWith("==", parsed.AccountKey, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("AccountName=a;AccountName=b;AccountKey=AAAA", "twice")]
    [InlineData("AccountName=acct", "neither AccountKey nor SharedAccessSignature")]
    [InlineData("AccountName=acct;AccountKey=not*base64", "base64")]
    [InlineData("TableEndpoint=ftp://x/devstoreaccount1;AccountKey=AAAA", "http(s)")]
    [InlineData("justtext", "name=value")]
    [InlineData("DefaultEndpointsProtocol=https", "TableEndpoint, AccountName")]
    public void TryParse_Invalid_FailsWithReason(string text, string reasonFragment)
    {
        Assert.False(TableConnectionString.TryParse(text, out _, out var error));
        Assert.Contains(reasonFragment, error, StringComparison.Ordinal);
    }

    [Fact]
    public void ToString_WithKey_NeverShowsTheKey()
    {
        var parsed = TableConnectionString.Parse($"AccountName=acct;AccountKey={Key}");

        Assert.DoesNotContain(Key, parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains("AccountKey=***", parsed.ToString(), StringComparison.Ordinal);
    }
}
