using Microsoft.Extensions.DependencyInjection;
using Reminders.Core.Prompts;
using Reminders.Core.Storage;

namespace Reminders.Tests.FunctionsHost;

/// <summary>
/// One enabled prompt per category, so a due subscriber always has something to receive whatever the store's own
/// library holds (these tests are about the host protocol, not about prompt choice).
/// </summary>
internal static class PromptSeed
{
    public static async Task AddAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IPromptStore>();
        foreach (var category in PromptCategories.All)
        {
            var prompt = new Prompt($"host-test-{category}", $"Host test nudge ({category}): ask someone one question today.", category, "anyone", "Tests the pipeline.", "admin");
            await store.TryInsertAsync(prompt, cancellationToken);
        }
    }
}
