using Microsoft.Extensions.Time.Testing;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Prompts;

public sealed class PromptLibraryServiceTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Prompt Hug = new("touch-hug", "Hug someone for twenty seconds.", "touch", "anyone", "Long hugs help.", PromptSources.Admin);
    private static readonly Prompt Thanks = new("words-thanks", "Thank someone by name.", "words", "anyone", "Thanks help.", PromptSources.Admin);

    private readonly InMemoryPromptStore _inner = new();
    private readonly RacingPromptStore _store;
    private readonly InMemoryPromptChangeLog _log = new();
    private readonly InMemoryStatsStore _stats = new();

    public PromptLibraryServiceTests() => _store = new RacingPromptStore(_inner);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ImportAsync_PromptChangedWhileApplying_PutsBackWhatWasWrittenAndReportsConflict()
    {
        await _inner.TryInsertAsync(Hug, Ct);
        await _inner.TryInsertAsync(Thanks, Ct);
        var otherEdit = Thanks with { Text = "Someone else's edit." };
        _store.BeforeReplace = async prompt =>
        {
            if (prompt.Id == Thanks.Id)
            {
                var current = await _inner.GetAsync(Thanks.Id, Ct);
                await _inner.TryReplaceAsync(otherEdit, current!.ETag, Ct);
            }
        };
        var sut = CreateSut();

        var result = await sut.ImportAsync(
            [
                Draft(Hug with { Text = "Imported hug." }),
                new PromptDraft("words-new", "A new one.", "words", "anyone", "Why.", null),
                Draft(Thanks with { Text = "Imported thanks." }),
            ],
            "alice",
            Ct);

        Assert.Equal(PromptImportOutcome.Conflict, result.Outcome);
        Assert.Contains("words-thanks", Assert.Single(result.Errors["prompts"]), StringComparison.Ordinal);
        Assert.Equal([Hug, otherEdit], (await _inner.ListAsync(Ct)).Select(p => p.Value));
        Assert.Empty(await _log.ListAsync(Hug.Id, Ct));
        Assert.Empty(await _log.ListAsync("words-new", Ct));
    }

    [Fact]
    public async Task DeleteAsync_PromptWithOnlyAFailedSend_DisablesItUsingThePortDefault()
    {
        await _inner.TryInsertAsync(Hug, Ct);
        await _stats.IncrementAsync(new DateOnly(2026, 6, 9), Hug.Id, StatCounter.Failed, Guid.NewGuid().ToString("N"), Ct);
        var sut = CreateSut();

        var result = await sut.DeleteAsync(Hug.Id, null, "alice", Ct);

        Assert.Equal(PromptWriteOutcome.Disabled, result.Outcome);
        Assert.False((await _inner.GetAsync(Hug.Id, Ct))!.Value.Enabled);
        var change = Assert.Single(await _log.ListAsync(Hug.Id, Ct));
        Assert.Equal(new PromptChange(Hug.Id, Now, "alice", PromptChangeActions.Disabled, Hug, Hug with { Enabled = false }), change);
    }

    [Fact]
    public async Task UpdateAsync_DraftWithoutEnabled_KeepsStoredFlagAndSource()
    {
        var disabledSeed = Hug with { Enabled = false, Source = PromptSources.SeedFiles[1] };
        var etag = await _inner.TryInsertAsync(disabledSeed, Ct);
        var sut = CreateSut();

        var result = await sut.UpdateAsync(Hug.Id, new PromptDraft(null, "New text.", "touch", "partner", "Why.", null), [etag!], "bob", Ct);

        Assert.Equal(PromptWriteOutcome.Updated, result.Outcome);
        Assert.Equal(disabledSeed with { Text = "New text.", Audience = "partner", Why = "Why." }, result.Prompt!.Value);
    }

    private PromptLibraryService CreateSut() => new(_store, _log, _stats, new FakeTimeProvider(Now), Microsoft.Extensions.Options.Options.Create(new Reminders.Core.ProgramOptions()));

    private static PromptDraft Draft(Prompt p) => new(p.Id, p.Text, p.Category, p.Audience, p.Why, p.Enabled, p.Source);

    /// <summary>Delegates to a real in-memory store, running a hook just before each replace (to simulate a concurrent edit).</summary>
    private sealed class RacingPromptStore(IPromptStore inner) : IPromptStore
    {
        public Func<Prompt, Task>? BeforeReplace { get; set; }

        public Task<IReadOnlyList<Stored<Prompt>>> ListAsync(CancellationToken cancellationToken) => inner.ListAsync(cancellationToken);

        public Task<Stored<Prompt>?> GetAsync(string id, CancellationToken cancellationToken) => inner.GetAsync(id, cancellationToken);

        public Task<string?> TryInsertAsync(Prompt prompt, CancellationToken cancellationToken) => inner.TryInsertAsync(prompt, cancellationToken);

        public async Task<string?> TryReplaceAsync(Prompt prompt, string ifMatch, CancellationToken cancellationToken)
        {
            if (BeforeReplace is { } hook)
            {
                await hook(prompt);
            }

            return await inner.TryReplaceAsync(prompt, ifMatch, cancellationToken);
        }

        public Task<bool> TryDeleteAsync(string id, string? ifMatch, CancellationToken cancellationToken) => inner.TryDeleteAsync(id, ifMatch, cancellationToken);

        public Task<IReadOnlySet<string>> GetSeededIdsAsync(CancellationToken cancellationToken) => inner.GetSeededIdsAsync(cancellationToken);

        public Task MarkSeededAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) => inner.MarkSeededAsync(ids, cancellationToken);
    }
}
