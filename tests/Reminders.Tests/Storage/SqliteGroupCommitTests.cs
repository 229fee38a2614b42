using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Reminders.Core.Sms;
using Reminders.Core.Storage;
using Reminders.Core.Storage.Sqlite;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Storage;

/// <summary>
/// Group commit on SQLite (<see cref="IStoreTransactions.RunGroupedAsync{T}"/>): writers that arrive while a group
/// commits share the next transaction, none returns before its commit, a failing writer fails alone, and a transaction
/// SQLite drops fails every writer of its group. The order of events is forced with a first work that waits to be let
/// go, never with timing.
/// </summary>
public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15550104444");
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
    private SqliteDatabase _database = null!;
    private SqliteStoreTransactions _transactions = null!;
    private SqliteMessageLog _log = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DatabasePath => Path.Combine(_directory, "reminders.db");

    public async ValueTask InitializeAsync()
    {
        _database = new SqliteDatabase(Options.Create(new StorageOptions { SqlitePath = DatabasePath }), NullLogger<SqliteDatabase>.Instance);
        await _database.InitializeAsync(Ct);
        _transactions = new SqliteStoreTransactions(_database);
        _log = new SqliteMessageLog(_database);
    }

    public ValueTask DisposeAsync()
    {
        _database.Dispose();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task RunGrouped_TwentyWritersArriveWhileAGroupCommits_OneMoreTransactionCommitsThemAll()
    {
        var (first, release) = await StartBlockingGroupAsync();

        var writers = Enumerable.Range(0, 20).Select(i => _transactions.RunGroupedAsync(() => AppendAsync($"writer {i}"), Ct)).ToList();
        Assert.All(writers, w => Assert.False(w.IsCompleted));
        release();
        await Task.WhenAll(writers.Append(first));

        Assert.Equal(2, _transactions.GroupsRun);
        Assert.Equal(21, await CountAsync());
    }

    [Fact]
    public async Task RunGrouped_AWorkOfTheGroupStillRunning_TheEarlierWorkNeitherReturnsNorIsVisible()
    {
        var (first, release) = await StartBlockingGroupAsync();
        var early = _transactions.RunGroupedAsync(() => AppendAsync("early"), Ct);
        var late = StartHolding("late");
        release();
        await first;
        await late.Writing.WaitAsync(Ct);

        // "early" has written and finished its work, but its transaction has not committed: the call has not returned,
        // and another connection does not see the row.
        Assert.False(early.IsCompleted);
        Assert.Equal(1, await CountAsync());

        late.Release();
        await Task.WhenAll(early, late.Work);
        Assert.Equal(3, await CountAsync());
    }

    [Fact]
    public async Task RunGrouped_OneWorkThrows_OnlyItsCallerFailsAndEveryFinishedWriteIsKept()
    {
        var (first, release) = await StartBlockingGroupAsync();
        var before = _transactions.RunGroupedAsync(() => AppendAsync("before"), Ct);
        var failing = _transactions.RunGroupedAsync<bool>(
            async () =>
            {
                await AppendAsync("failing");
                throw new InvalidOperationException("the work's own failure");
            },
            Ct);
        var after = _transactions.RunGroupedAsync(() => AppendAsync("after"), Ct);
        release();

        await Task.WhenAll(first, before, after);
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("the work's own failure", error.Message);
        Assert.Equal(4, await CountAsync());
    }

    [Fact]
    public async Task RunGrouped_SqliteDropsTheTransaction_EveryCallerOfTheGroupFailsAndNoneOfItsWritesIsKept()
    {
        var (first, release) = await StartBlockingGroupAsync();
        var before = _transactions.RunGroupedAsync(() => AppendAsync("before"), Ct);
        var dropping = _transactions.RunGroupedAsync(
            async () =>
            {
                await AppendAsync("dropping");
                // What SQLite does by itself on some I/O errors: the whole transaction is rolled back.
                await using var lease = await _database.OpenForWriteAsync(Ct);
                await SqliteDatabase.ExecuteAsync(lease.Connection, "ROLLBACK;", Ct);
                return true;
            },
            Ct);
        var after = _transactions.RunGroupedAsync(() => AppendAsync("after"), Ct);
        release();
        await first;

        await Assert.ThrowsAsync<StoreTransactionLostException>(() => before);
        await Assert.ThrowsAsync<StoreTransactionLostException>(() => dropping);
        await Assert.ThrowsAsync<StoreTransactionLostException>(() => after);
        // Only the first group's row: "after" did not run on its own once the transaction was gone.
        Assert.Equal(1, await CountAsync());
        Assert.True(await _transactions.RunGroupedAsync(() => AppendAsync("next"), Ct));
        Assert.Equal(2, await CountAsync());
    }

    [Fact]
    public async Task RunGrouped_NoStoreTransactions_RunsTheWorkAtOnce()
    {
        var none = new NoStoreTransactions();
        var gate = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);

        var running = none.RunGroupedAsync(() => gate.Task, Ct);
        var other = none.RunGroupedAsync(() => Task.FromResult(7), Ct);

        Assert.True(other.IsCompletedSuccessfully); // not queued behind the first
        gate.SetResult(3);
        Assert.Equal(3, await running);
    }

    /// <summary>A first group of one work that holds its transaction open until released (so later works queue).</summary>
    private async Task<(Task<bool> First, Action Release)> StartBlockingGroupAsync()
    {
        var first = StartHolding("first");
        await first.Writing.WaitAsync(Ct);
        return (first.Work, first.Release);
    }

    /// <summary>A grouped work that appends <paramref name="body"/>, says so (<c>Writing</c>), then waits for <c>Release</c>.</summary>
    private (Task<bool> Work, Task Writing, Action Release) StartHolding(string body)
    {
        var writing = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var letGo = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var work = _transactions.RunGroupedAsync(
            async () =>
            {
                await AppendAsync(body);
                writing.SetResult();
                await letGo.Task;
                return true;
            },
            Ct);
        return (work, writing.Task, letGo.SetResult);
    }

    private async Task<bool> AppendAsync(string body)
    {
        await _log.AppendAsync(
            new OutboundMessage(Phone, new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero), OutboundMessageKinds.Nudge, body, "dry-run", SmsSendOutcome.Accepted, null),
            Ct);
        return true;
    }

    /// <summary>Rows in the message log, read on a private connection: what another reader of the file sees.</summary>
    private async Task<long> CountAsync()
    {
        var connectionString = new SqliteConnectionStringBuilder { DataSource = DatabasePath, Pooling = false }.ToString();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM outbound_messages;";
        return (long)(await command.ExecuteScalarAsync(Ct))!;
    }
}
