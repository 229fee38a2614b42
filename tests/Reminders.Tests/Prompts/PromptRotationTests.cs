using Reminders.Core.Prompts;
using Reminders.Core.Subscribers;

namespace Reminders.Tests.Prompts;

public sealed class PromptRotationTests
{
    private static readonly PhoneNumber Phone = PhoneNumber.FromE164("+15551230123");
    private static readonly DateOnly Day = new(2026, 6, 15);

    // Computed outside .NET: SHA-256 of "+15551230123|yyyy-MM-dd|0", first 8 bytes little-endian, modulo the
    // 43 enabled ids of Library(50) in ordinal order.
    private static readonly string[] PinnedPicks = ["p-003", "p-033", "p-009", "p-032", "p-040"];

    [Fact]
    public void Pick_NoCategoriesChosen_PicksFromWholeEnabledLibrary()
    {
        var library = Library(40);
        var enabled = library.Where(p => p.Enabled).Select(p => p.Id).ToHashSet();

        var picked = Enumerable.Range(0, 400).Select(i => Pick(library, [], [], Day.AddDays(i))!.Id).ToHashSet();

        Assert.Equal(enabled, picked);
    }

    [Fact]
    public void Pick_ChosenCategories_PicksOnlyEnabledPromptsInThem()
    {
        var library = Library(80);
        string[] categories = ["words", "pets"];

        var picked = Enumerable.Range(0, 400).Select(i => Pick(library, categories, [], Day.AddDays(i))!).ToList();

        Assert.All(picked, p => Assert.True(p.Enabled && categories.Contains(p.Category), p.Id));
        Assert.Equal(
            library.Where(p => p.Enabled && categories.Contains(p.Category)).Select(p => p.Id).Order().ToList(),
            picked.Select(p => p.Id).Distinct().Order().ToList());
    }

    [Fact]
    public void Pick_NoEnabledPromptInCategories_ReturnsNull()
    {
        Prompt[] library = [NewPrompt("a", "words", enabled: false), NewPrompt("b", "touch")];

        var picked = Pick(library, ["words", "pets"], [], Day);

        Assert.Null(picked);
    }

    [Fact]
    public void Pick_EmptyLibrary_ReturnsNull()
    {
        var picked = Pick([], [], [], Day);

        Assert.Null(picked);
    }

    [Fact]
    public void Pick_PoolLargerThanRecent_NeverRepeatsOneOfLast30()
    {
        var library = Library(45);
        IReadOnlyList<string> recent = [];
        var history = new List<string>();

        for (var day = 0; day < 365; day++)
        {
            var prompt = Pick(library, [], recent, Day.AddDays(day))!;
            history.Add(prompt.Id);
            recent = [prompt.Id, .. recent.Take(Subscriber.RecentPromptLimit - 1)];
        }

        for (var i = 0; i < history.Count; i++)
        {
            var window = history.Skip(Math.Max(0, i - Subscriber.RecentPromptLimit)).Take(Math.Min(i, Subscriber.RecentPromptLimit));
            Assert.DoesNotContain(history[i], window);
        }
    }

    [Fact]
    public void Pick_ExactlyOneFreshPrompt_PicksIt()
    {
        var library = Library(31, everyNthDisabled: 0);
        var recent = library.Take(30).Select(p => p.Id).Reverse().ToList();

        var picked = Enumerable.Range(0, 20).Select(i => Pick(library, [], recent, Day.AddDays(i))!.Id).Distinct().ToList();

        Assert.Equal([library[30].Id], picked);
    }

    [Fact]
    public void Pick_RecentIdsBeyond30_AreNotAvoided()
    {
        // One category, so spreading over categories plays no part here.
        var library = Enumerable.Range(0, 40).Select(i => NewPrompt($"p-{i:D3}", "touch")).ToList();
        var recent = library.Select(p => p.Id).ToList();

        var picked = Enumerable.Range(0, 200).Select(i => Pick(library, [], recent, Day.AddDays(i))!.Id).ToHashSet();

        Assert.Equal(recent.Skip(Subscriber.RecentPromptLimit).ToHashSet(), picked);
    }

    [Fact]
    public void Pick_SmallPoolAllRecent_AvoidsOnlyTheNewest()
    {
        var library = Library(5, everyNthDisabled: 0);
        IReadOnlyList<string> recent = ["p-003", "p-001", "p-004", "p-000", "p-002"];

        var picked = Enumerable.Range(0, 200).Select(i => Pick(library, [], recent, Day.AddDays(i))!.Id).ToHashSet();

        Assert.Equal(new HashSet<string> { "p-000", "p-001", "p-002", "p-004" }, picked);
    }

    [Fact]
    public void Pick_SmallPoolRotatedDaily_NeverSendsSamePromptTwoDaysRunning()
    {
        var library = Library(4, everyNthDisabled: 0);
        IReadOnlyList<string> recent = [];
        string? previous = null;

        for (var day = 0; day < 200; day++)
        {
            var id = Pick(library, [], recent, Day.AddDays(day))!.Id;
            Assert.NotEqual(previous, id);
            previous = id;
            recent = [id, .. recent.Where(r => r != id).Take(Subscriber.RecentPromptLimit - 1)];
        }
    }

    [Fact]
    public void Pick_PoolOfOne_AlwaysReturnsIt()
    {
        Prompt[] library = [NewPrompt("only", "words"), NewPrompt("off", "words", enabled: false)];

        var picked = Enumerable.Range(0, 10).Select(i => Pick(library, [], ["only"], Day.AddDays(i))?.Id).Distinct().ToList();

        Assert.Equal(["only"], picked);
    }

    [Fact]
    public void Pick_SamePhoneAndDate_IsDeterministicWhateverTheLibraryOrder()
    {
        var library = Library(50);
        var reordered = library.AsEnumerable().Reverse().ToList();
        IReadOnlyList<string> recent = ["p-001", "p-002"];

        var first = Pick(library, [], recent, Day);
        var retry = Pick(reordered, [], recent, Day);

        Assert.Equal(first, retry);
    }

    [Fact]
    public void Pick_KnownInput_GivesStablePick()
    {
        // Pinned so a change to the seed (which would re-pick for a retry after a deployment) is noticed.
        var library = Library(50);

        var ids = Enumerable.Range(0, 5).Select(i => Pick(library, [], [], Day.AddDays(i))!.Id).ToList();

        Assert.Equal(PinnedPicks, ids);
    }

    [Fact]
    public void Pick_DifferentSalts_UsuallyDiffer()
    {
        var library = Library(50);

        var differing = Enumerable.Range(0, 365).Count(i =>
            Pick(library, [], [], Day.AddDays(i), salt: 0)!.Id != Pick(library, [], [], Day.AddDays(i), salt: 1)!.Id);

        Assert.InRange(differing, 340, 365);
    }

    [Fact]
    public void Pick_ExtraPromptAfterRememberingDaily_DiffersFromDaily()
    {
        var library = Library(12, everyNthDisabled: 0);

        for (var i = 0; i < 100; i++)
        {
            var date = Day.AddDays(i);
            var daily = Pick(library, [], [], date, salt: 0)!;
            var extra = Pick(library, [], [daily.Id], date, salt: 1)!;
            Assert.NotEqual(daily.Id, extra.Id);
        }
    }

    [Fact]
    public void Pick_DifferentPhonesSameDay_SpreadAcrossPool()
    {
        var library = Library(20, everyNthDisabled: 0);

        var counts = Enumerable.Range(0, 2000)
            .Select(i => PhoneNumber.FromE164($"+1555{i:D7}"))
            .Select(phone => PromptRotation.Pick(library, [], Household.None, [], phone, Day)!.Id)
            .CountBy(id => id)
            .ToDictionary();

        Assert.Equal(20, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 60, 140));
    }

    [Fact]
    public void Pick_OneSubscriberOverAYear_UsesWholePoolEvenly()
    {
        var library = Library(60, everyNthDisabled: 0);
        IReadOnlyList<string> recent = [];
        var counts = new Dictionary<string, int>();

        for (var day = 0; day < 600; day++)
        {
            var id = Pick(library, [], recent, Day.AddDays(day))!.Id;
            counts[id] = counts.GetValueOrDefault(id) + 1;
            recent = [id, .. recent.Take(Subscriber.RecentPromptLimit - 1)];
        }

        Assert.Equal(60, counts.Count);
        Assert.All(counts.Values, n => Assert.InRange(n, 4, 18));
    }

    [Fact]
    public void Pick_NullArguments_Throw()
    {
        var library = Library(3);

        Assert.Throws<ArgumentNullException>("library", () => PromptRotation.Pick(null!, [], Household.None, [], Phone, Day));
        Assert.Throws<ArgumentNullException>("categories", () => PromptRotation.Pick(library, null!, Household.None, [], Phone, Day));
        Assert.Throws<ArgumentNullException>("recentPromptIds", () => PromptRotation.Pick(library, [], Household.None, null!, Phone, Day));
        Assert.Throws<ArgumentNullException>("phone", () => PromptRotation.Pick(library, [], Household.None, [], null!, Day));
    }

    [Fact]
    public void Pick_ThirtyDaysOverEightCategories_SpreadsCategoriesAndNeverRepeatsOneTwoDaysRunning()
    {
        var library = Library(120, everyNthDisabled: 0);
        var subscriber = new Subscriber(Phone, SubscriberStatus.Active, "UTC", new TimeOnly(9, 0), [], null, [], null, null, null, default, default);
        var categories = new List<string>();

        for (var day = 0; day < 30; day++)
        {
            var prompt = Pick(library, [], subscriber.RecentPromptIds, Day.AddDays(day))!;
            categories.Add(prompt.Category);
            subscriber = subscriber.RememberPrompt(prompt.Id);
        }

        Assert.All(categories.Zip(categories.Skip(1)), pair => Assert.NotEqual(pair.First, pair.Second));
        Assert.All(PromptCategories.All, c => Assert.InRange(categories.Count(x => x == c), 2, 6));
    }

    [Theory]
    [InlineData("partner", Household.Partner)]
    [InlineData("children", Household.Children)]
    [InlineData("pets", Household.Pets)]
    public void Pick_AudienceNeedsSomeoneTheSubscriberLacks_NeverPicksItButPicksItForThoseWhoHaveThem(string audience, Household needs)
    {
        Prompt[] library = [new("a-needs", "Needs someone.", "touch", audience, "Because.", "admin"), NewPrompt("b-anyone", "touch")];
        var without = (Household.Partner | Household.Children | Household.Pets) & ~needs;

        var forWithout = Enumerable.Range(0, 200).Select(d => PromptRotation.Pick(library, [], without, [], Phone, Day.AddDays(d))!.Id).ToHashSet();
        var forWith = Enumerable.Range(0, 200).Select(d => PromptRotation.Pick(library, [], needs, [], Phone, Day.AddDays(d))!.Id).ToHashSet();

        Assert.Equal(["b-anyone"], forWithout);
        Assert.Contains("a-needs", forWith);
    }

    [Fact]
    public void Pick_PetsCategoryPromptNotTaggedAnyone_GoesOnlyToPetOwners()
    {
        Prompt[] library = [new("pets-own", "Stroke your cat.", "pets", "family", "Because.", "admin"), new("pets-street", "Greet a dog.", "pets", "anyone", "Because.", "admin")];

        var noPet = Enumerable.Range(0, 100).Select(d => PromptRotation.Pick(library, ["pets"], Household.Partner, [], Phone, Day.AddDays(d))!.Id).ToHashSet();
        var petOwner = Enumerable.Range(0, 100).Select(d => PromptRotation.Pick(library, ["pets"], Household.Pets, [], Phone, Day.AddDays(d))!.Id).ToHashSet();

        Assert.Equal(["pets-street"], noPet);
        Assert.Equal(2, petOwner.Count);
    }

    [Fact]
    public void Pick_OnAPreparedPool_AllocatesNothingPerCall()
    {
        // The built-in library with a subscriber who has categories, a household and a full recent list: every
        // branch of the pick (pool, fresh, spread over categories) runs.
        var pool = PromptPool.From(BuiltInPromptLibrary.All);
        string[] categories = ["touch", "words", "kindness", "family"];
        var recent = BuiltInPromptLibrary.All.Where(p => categories.Contains(p.Category)).Select(p => p.Id).Take(Subscriber.RecentPromptLimit).ToArray();
        var first = PromptRotation.Pick(pool, categories, Household.Partner, recent, Phone, Day);
        Assert.NotNull(first);

        var before = GC.GetAllocatedBytesForCurrentThread();
        Prompt? picked = null;
        for (var i = 0; i < 1000; i++)
        {
            picked = PromptRotation.Pick(pool, categories, Household.Partner, recent, Phone, Day.AddDays(i % 30), i % 3);
        }

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.NotNull(picked);
        Assert.Equal(0, allocated);
    }

    private static Prompt? Pick(
        IEnumerable<Prompt> library, IReadOnlyCollection<string> categories, IReadOnlyList<string> recent, DateOnly date, int salt = 0) =>
        PromptRotation.Pick(library, categories, Household.None, recent, Phone, date, salt);

    private static List<Prompt> Library(int count, int everyNthDisabled = 7) =>
    [
        .. Enumerable.Range(0, count).Select(i => NewPrompt(
            $"p-{i:D3}",
            PromptCategories.All[i % PromptCategories.All.Count],
            enabled: everyNthDisabled == 0 || i % everyNthDisabled != everyNthDisabled - 1)),
    ];

    private static Prompt NewPrompt(string id, string category, bool enabled = true) =>
        new(id, $"Text of {id}", category, "anyone", "Because.", "admin", enabled);
}
