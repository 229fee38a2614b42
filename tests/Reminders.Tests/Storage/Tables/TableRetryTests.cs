using System.Net;
using Reminders.Core.Storage.Tables.Client;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Storage.Tables;

/// <summary>Faults injected by a handler in front of Azurite: transient statuses are retried with backoff, conflicts never.</summary>
[Collection(AzuriteTests.Name)]
public sealed class TableRetryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly InstantDelayTimeProvider _time = new(Now);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AddEntityAsync_Two503s_RetriedWithGrowingBackoffThenSucceeds()
    {
        var (table, faults) = await CreateAsync();
        faults.Respond(HttpStatusCode.ServiceUnavailable, times: 2, errorCode: TableErrorCodes.ServerBusy);

        await table.AddEntityAsync(new TableEntity("p", "r"), Ct);

        Assert.Equal(3, faults.Attempts);
        var delays = _time.Delays.ToArray();
        Assert.Equal(2, delays.Length);
        Assert.InRange(delays[0], TimeSpan.FromSeconds(0.64), TimeSpan.FromSeconds(0.96));
        Assert.InRange(delays[1], TimeSpan.FromSeconds(1.28), TimeSpan.FromSeconds(1.92));
        Assert.NotNull(await table.GetEntityIfExistsAsync("p", "r", null, Ct));
    }

    [Fact]
    public async Task QueryPageAsync_429WithRetryAfter_WaitsWhatTheServerAsked()
    {
        var (table, faults) = await CreateAsync();
        faults.Respond(HttpStatusCode.TooManyRequests, retryAfter: TimeSpan.FromSeconds(7));

        var page = await table.QueryPageAsync(new TableQuery(), null, Ct);

        Assert.Empty(page.Items);
        Assert.Equal(2, faults.Attempts);
        Assert.Equal([TimeSpan.FromSeconds(7)], _time.Delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.RequestTimeout)]
    [InlineData(HttpStatusCode.InternalServerError)]
    [InlineData(HttpStatusCode.BadGateway)]
    [InlineData(HttpStatusCode.GatewayTimeout)]
    public async Task UpsertEntityAsync_TransientStatus_Retried(HttpStatusCode status)
    {
        var (table, faults) = await CreateAsync();
        faults.Respond(status);

        await table.UpsertEntityAsync(new TableEntity("p", "r"), TableUpdateMode.Replace, Ct);

        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task GetEntityIfExistsAsync_ConnectionFailure_Retried()
    {
        var (table, faults) = await CreateAsync();
        faults.FailConnection();

        Assert.Null(await table.GetEntityIfExistsAsync("p", "missing", null, Ct));
        Assert.Equal(2, faults.Attempts);
    }

    [Fact]
    public async Task AddEntityAsync_Always503_GivesUpAfterMaxRetriesWithMappedError()
    {
        var (table, faults) = await CreateAsync();
        faults.Respond(HttpStatusCode.ServiceUnavailable, times: 10, errorCode: TableErrorCodes.ServerBusy);

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), Ct));

        Assert.Equal(503, ex.Status);
        Assert.Equal(TableErrorCodes.ServerBusy, ex.ErrorCode);
        Assert.Equal(4, faults.Attempts);
    }

    [Fact]
    public async Task AddEntityAsync_RealConflictFromAzurite_NotRetried()
    {
        var (table, faults) = await CreateAsync();
        await table.AddEntityAsync(new TableEntity("p", "r"), Ct);
        var before = faults.Attempts;

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(() => table.AddEntityAsync(new TableEntity("p", "r"), Ct));

        Assert.Equal(409, ex.Status);
        Assert.Equal(TableErrorCodes.EntityAlreadyExists, ex.ErrorCode);
        Assert.Equal(1, faults.Attempts - before);
        Assert.Empty(_time.Delays);
    }

    [Fact]
    public async Task UpdateEntityAsync_RealPreconditionFailureFromAzurite_NotRetried()
    {
        var (table, faults) = await CreateAsync();
        var stale = await table.AddEntityAsync(new TableEntity("p", "r"), Ct);
        await table.UpsertEntityAsync(new TableEntity("p", "r") { ["V"] = 1 }, TableUpdateMode.Replace, Ct);
        var before = faults.Attempts;

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpdateEntityAsync(new TableEntity("p", "r"), stale, TableUpdateMode.Replace, Ct));

        Assert.Equal(412, ex.Status);
        Assert.Equal(1, faults.Attempts - before);
        Assert.Empty(_time.Delays);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.PreconditionFailed)]
    [InlineData(HttpStatusCode.BadRequest)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task UpsertEntityAsync_InjectedNonTransientStatus_NotRetried(HttpStatusCode status)
    {
        var (table, faults) = await CreateAsync();
        faults.Respond(status);

        var ex = await Assert.ThrowsAsync<TableRequestFailedException>(
            () => table.UpsertEntityAsync(new TableEntity("p", "r"), TableUpdateMode.Replace, Ct));

        Assert.Equal((int)status, ex.Status);
        Assert.Equal(1, faults.Attempts);
        Assert.Empty(_time.Delays);
    }

    private async Task<(TableClient Table, FaultInjectionHandler Faults)> CreateAsync()
    {
        var created = await azurite.CreateTablesAsync(Ct);
        var faults = new FaultInjectionHandler();
        var client = azurite.CreateServiceClient(_time, new TableClientOptions(), faults);
        return (client.GetTableClient(created.State.Name), faults);
    }
}
