using Reminders.Core.Prompts;
using Reminders.Core.Storage;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Prompts;

public sealed class PromptSeederTests
{
    private readonly List<Prompt> _library = SamplePrompts.ValidLibrary();

    [Fact]
    public async Task SeedAsync_EmptyStore_AddsEveryBuiltInAndMarksThemSeeded()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new PromptSeedResult(_library.Count, 0, 0), result);
        Assert.Equal(_library.OrderBy(p => p.Id, StringComparer.Ordinal), (await store.ListAsync(ct)).Select(s => s.Value));
        Assert.True((await store.GetSeededIdsAsync(ct)).SetEquals(_library.Select(p => p.Id)));
    }

    [Fact]
    public async Task SeedAsync_ShippedLibrary_AddsEveryShippedPrompt()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;

        var result = await PromptSeeder.SeedAsync(store, ct);

        Assert.Equal(BuiltInPromptLibrary.All.Count, result.Added);
        Assert.Equal(BuiltInPromptLibrary.All.Count, (await store.ListAsync(ct)).Count);
    }

    [Fact]
    public async Task SeedAsync_SecondStart_AddsNothingAndChangesNothing()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        await PromptSeeder.SeedAsync(store, _library, ct);
        var before = await store.ListAsync(ct);

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new PromptSeedResult(0, 0, _library.Count), result);
        Assert.Equal(before, await store.ListAsync(ct)); // same values and same ETags: nothing was rewritten
    }

    [Fact]
    public async Task SeedAsync_SecondStartThenNewBuiltIn_MarksOnlyIdsNotMarkedBefore()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        await PromptSeeder.SeedAsync(store, _library.Skip(1).ToList(), ct);
        store.MarkedIds.Clear();

        await PromptSeeder.SeedAsync(store, _library.Skip(1).ToList(), ct);
        Assert.Empty(store.MarkedIds); // a start with nothing new writes nothing

        await PromptSeeder.SeedAsync(store, _library, ct);
        Assert.Equal([_library[0].Id], store.MarkedIds);
    }

    [Fact]
    public async Task SeedAsync_NewBuiltInInLaterRelease_AddsOnlyTheNewOne()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        await PromptSeeder.SeedAsync(store, _library.Skip(1).ToList(), ct);

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new PromptSeedResult(1, 0, _library.Count - 1), result);
        Assert.Equal(_library[0], (await store.GetAsync(_library[0].Id, ct))?.Value);
    }

    [Fact]
    public async Task SeedAsync_AdminEditedABuiltIn_EditKept()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        await PromptSeeder.SeedAsync(store, _library, ct);
        var stored = (await store.GetAsync(_library[4].Id, ct))!;
        var edited = stored.Value with { Text = "An admin's better wording.", Enabled = false };
        var etag = await store.TryReplaceAsync(edited, stored.ETag, ct);

        await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new Stored<Prompt>(edited, etag!), await store.GetAsync(_library[4].Id, ct));
    }

    [Fact]
    public async Task SeedAsync_AdminDeletedABuiltIn_NotResurrected()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        await PromptSeeder.SeedAsync(store, _library, ct);
        Assert.True(await store.TryDeleteAsync(_library[6].Id, null, ct));

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(0, result.Added);
        Assert.Null(await store.GetAsync(_library[6].Id, ct));
        Assert.Equal(_library.Count - 1, (await store.ListAsync(ct)).Count);
    }

    [Fact]
    public async Task SeedAsync_AdminPromptTookTheIdOfANewBuiltIn_AdminPromptKept()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        var admins = _library[2] with { Text = "Written by an admin before this built-in shipped.", Source = PromptSources.Admin };
        await store.TryInsertAsync(admins, ct);

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new PromptSeedResult(_library.Count - 1, 1, 0), result);
        Assert.Equal(admins, (await store.GetAsync(_library[2].Id, ct))?.Value);
    }

    [Fact]
    public async Task SeedAsync_RunStoppedBeforeMarking_NextRunFinishesWithoutOverwriting()
    {
        var store = new InMemoryPromptStore();
        var ct = TestContext.Current.CancellationToken;
        foreach (var prompt in _library.Take(5))
        {
            await store.TryInsertAsync(prompt, ct); // a first run that inserted five and died before MarkSeededAsync
        }

        var result = await PromptSeeder.SeedAsync(store, _library, ct);

        Assert.Equal(new PromptSeedResult(_library.Count - 5, 5, 0), result);
        Assert.True((await store.GetSeededIdsAsync(ct)).SetEquals(_library.Select(p => p.Id)));
    }
}
