using System.Globalization;
using Reminders.Bench.Startup;

// Usage: Reminders.Bench.Startup <runs> <name>=<executable>[,<VAR>=<value>...] [<name>=<executable>...] ...
// Every app inherits this process's environment (set Admin__ApiKeys__0, Storage__SqlitePath, ... before running), plus
// the variables listed after its executable (a configuration of its own, e.g. Twilio settings).
if (args.Length < 2 || !int.TryParse(args[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var runs) || runs < 1)
{
    Console.Error.WriteLine("usage: Reminders.Bench.Startup <runs> <name>=<executable>[,<VAR>=<value>...] [<name>=<executable>...] ...");
    return 2;
}

var apps = args[1..].Select(a => a.Split('=', 2)).Select(p => (Name: p[0], Start: AppStart.Parse(p[1]))).ToList();
var samples = apps.ToDictionary(a => a.Name, _ => new List<TimeSpan>());

// One unmeasured start each (page cache, first-run SQLite migration), then alternate so load drift hits all alike.
foreach (var app in apps)
{
    await StartupRun.MeasureAsync(app.Start, CancellationToken.None);
}

for (var run = 0; run < runs; run++)
{
    foreach (var app in run % 2 == 0 ? apps : Enumerable.Reverse(apps))
    {
        samples[app.Name].Add(await StartupRun.MeasureAsync(app.Start, CancellationToken.None));
    }
}

Console.WriteLine("| app | runs | median ms | p95 ms | min ms | max ms |");
Console.WriteLine("|---|---|---|---|---|---|");
foreach (var (name, times) in samples)
{
    var sorted = times.Order().ToList();
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {name} | {sorted.Count} | {Statistics.Median(sorted).TotalMilliseconds:F0} | {Statistics.Percentile(sorted, 95).TotalMilliseconds:F0} | {sorted[0].TotalMilliseconds:F0} | {sorted[^1].TotalMilliseconds:F0} |"));
}

if (apps.Count > 1)
{
    var baseline = Statistics.Median([.. samples[apps[^1].Name].Order()]);
    foreach (var app in apps.SkipLast(1))
    {
        var ratio = Statistics.Median([.. samples[app.Name].Order()]) / baseline;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"\nmedian ratio {app.Name} / {apps[^1].Name}: {ratio:F2}"));
    }
}

return 0;
