namespace Reminders.Tests.Storage;

/// <summary>Contract of <see cref="Reminders.Core.Storage.IPromptStore"/>.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task PromptTryInsertAsync_NewId_GetReturnsPromptWithSameETag()
    {
        var prompt = NewPrompt("hug-20s", enabled: false);

        var etag = await Stores.Prompts.TryInsertAsync(prompt, Ct);
        var stored = await Stores.Prompts.GetAsync("hug-20s", Ct);

        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(prompt, stored?.Value);
        Assert.Equal(etag, stored?.ETag);
    }

    [Fact]
    public async Task PromptTryInsertAsync_IdExists_ReturnsNullAndKeepsFirst()
    {
        var first = NewPrompt("hug-20s");
        await Stores.Prompts.TryInsertAsync(first, Ct);

        var result = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s", "Something else."), Ct);

        Assert.Null(result);
        Assert.Equal(first, (await Stores.Prompts.GetAsync("hug-20s", Ct))?.Value);
    }

    [Fact]
    public async Task PromptGetAsync_Missing_ReturnsNull()
    {
        Assert.Null(await Stores.Prompts.GetAsync("nope", Ct));
    }

    [Fact]
    public async Task PromptTryReplaceAsync_CurrentETag_StoresChangeWithNewETag()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        var changed = NewPrompt("hug-20s", "Hug someone for 20 seconds.", enabled: false) with { Why = "Changed why.", Source = "admin" };

        var newETag = await Stores.Prompts.TryReplaceAsync(changed, etag!, Ct);

        Assert.NotNull(newETag);
        Assert.NotEqual(etag, newETag);
        var stored = await Stores.Prompts.GetAsync("hug-20s", Ct);
        Assert.Equal(changed, stored?.Value);
        Assert.Equal(newETag, stored?.ETag);
    }

    [Fact]
    public async Task PromptTryReplaceAsync_StaleETag_ReturnsNullAndChangesNothing()
    {
        var staleETag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        var current = NewPrompt("hug-20s", "First edit.");
        var currentETag = await Stores.Prompts.TryReplaceAsync(current, staleETag!, Ct);

        var result = await Stores.Prompts.TryReplaceAsync(NewPrompt("hug-20s", "Lost update."), staleETag!, Ct);

        Assert.Null(result);
        var stored = await Stores.Prompts.GetAsync("hug-20s", Ct);
        Assert.Equal(current, stored?.Value);
        Assert.Equal(currentETag, stored?.ETag);
    }

    [Fact]
    public async Task PromptTryReplaceAsync_Missing_ReturnsNullAndCreatesNothing()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);

        Assert.Null(await Stores.Prompts.TryReplaceAsync(NewPrompt("eye-contact"), etag!, Ct));
        Assert.Null(await Stores.Prompts.GetAsync("eye-contact", Ct));
    }

    [Fact]
    public async Task PromptTryDeleteAsync_StaleETag_ReturnsFalseAndKeepsPrompt()
    {
        var staleETag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        await Stores.Prompts.TryReplaceAsync(NewPrompt("hug-20s", "Edited."), staleETag!, Ct);

        var deleted = await Stores.Prompts.TryDeleteAsync("hug-20s", staleETag, Ct);

        Assert.False(deleted);
        Assert.Equal("Edited.", (await Stores.Prompts.GetAsync("hug-20s", Ct))?.Value.Text);
    }

    [Fact]
    public async Task PromptTryDeleteAsync_CurrentETag_ReturnsTrueAndRemovesOnlyThatPrompt()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        await Stores.Prompts.TryInsertAsync(NewPrompt("eye-contact"), Ct);

        var deleted = await Stores.Prompts.TryDeleteAsync("hug-20s", etag, Ct);

        Assert.True(deleted);
        Assert.Null(await Stores.Prompts.GetAsync("hug-20s", Ct));
        Assert.NotNull(await Stores.Prompts.GetAsync("eye-contact", Ct));
    }

    [Fact]
    public async Task PromptTryDeleteAsync_NullETag_DeletesWhateverVersion()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        await Stores.Prompts.TryReplaceAsync(NewPrompt("hug-20s", "Edited."), etag!, Ct);

        Assert.True(await Stores.Prompts.TryDeleteAsync("hug-20s", null, Ct));
        Assert.Null(await Stores.Prompts.GetAsync("hug-20s", Ct));
    }

    [Fact]
    public async Task PromptTryDeleteAsync_Missing_ReturnsFalse()
    {
        var etag = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);

        Assert.False(await Stores.Prompts.TryDeleteAsync("eye-contact", null, Ct));
        Assert.False(await Stores.Prompts.TryDeleteAsync("eye-contact", etag, Ct));
    }

    [Fact]
    public async Task PromptListAsync_EnabledAndDisabled_ReturnsAllOrderedByIdWithTheirETags()
    {
        var etags = new Dictionary<string, string?>
        {
            ["walk-together"] = await Stores.Prompts.TryInsertAsync(NewPrompt("walk-together"), Ct),
            ["eye-contact"] = await Stores.Prompts.TryInsertAsync(NewPrompt("eye-contact", enabled: false), Ct),
            ["hug-20s"] = await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct),
        };

        var listed = await Stores.Prompts.ListAsync(Ct);

        Assert.Equal(["eye-contact", "hug-20s", "walk-together"], listed.Select(p => p.Value.Id));
        Assert.False(listed[0].Value.Enabled);
        Assert.All(listed, p => Assert.Equal(etags[p.Value.Id], p.ETag));
    }

    [Fact]
    public async Task PromptGetSeededIdsAsync_NothingSeeded_ReturnsEmpty()
    {
        Assert.Empty(await Stores.Prompts.GetSeededIdsAsync(Ct));
    }

    [Fact]
    public async Task PromptMarkSeededAsync_OverlappingCalls_GetReturnsUnion()
    {
        await Stores.Prompts.MarkSeededAsync(["hug-20s", "eye-contact"], Ct);
        await Stores.Prompts.MarkSeededAsync(["eye-contact", "walk-together"], Ct);
        await Stores.Prompts.MarkSeededAsync([], Ct);

        var seeded = await Stores.Prompts.GetSeededIdsAsync(Ct);

        Assert.Equal(["eye-contact", "hug-20s", "walk-together"], seeded.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task PromptMarkSeededAsync_PromptLaterDeleted_IdStaysSeeded()
    {
        await Stores.Prompts.TryInsertAsync(NewPrompt("hug-20s"), Ct);
        await Stores.Prompts.MarkSeededAsync(["hug-20s"], Ct);

        await Stores.Prompts.TryDeleteAsync("hug-20s", null, Ct);

        Assert.Contains("hug-20s", await Stores.Prompts.GetSeededIdsAsync(Ct));
        Assert.Empty(await Stores.Prompts.ListAsync(Ct));
    }
}
