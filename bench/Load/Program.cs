using System.Globalization;
using Reminders.Bench.Load;

// Usage: Reminders.Bench.Load --app <Reminders.Functions.dll> [--azurite <main.js>] [--setup-concurrency 16]
//          [--rates 10000,1000] [--warm N] [--command "<command line to print>"] <run> [<run> ...]
// --warm N: N other subscribers are nudged in a peak a minute or two before the measured one, in the same process.
// A run is sqlite:DUE[/TOTAL] or tables:DUE[/TOTAL], e.g. sqlite:10000 or sqlite:1000/100000.
// Or: Reminders.Bench.Load --azurite <main.js> --row-keys ROWS [--concurrency N]: Azurite's CPU per request by row-key
// layout (RowKeyCosts), no app.
string? appDll = null;
string? azurite = null;
string? command = null;
var setupConcurrency = 16;
int? rowKeyRows = null;
var concurrency = 32;
var warmPeak = 0;
IReadOnlyList<double> rates = [10_000, 1_000];
var runs = new List<RunSpec>();
try
{
    for (var i = 0; i < args.Length; i++)
    {
        switch (args[i])
        {
            case "--app": appDll = args[++i]; break;
            case "--azurite": azurite = args[++i]; break;
            case "--command": command = args[++i]; break;
            case "--setup-concurrency": setupConcurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--row-keys": rowKeyRows = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--warm": warmPeak = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--concurrency": concurrency = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
            case "--rates": rates = [.. args[++i].Split(',').Select(r => double.Parse(r, CultureInfo.InvariantCulture))]; break;
            default: runs.Add(RunSpec.Parse(args[i])); break;
        }
    }
}
catch (Exception ex) when (ex is ArgumentException or FormatException or IndexOutOfRangeException)
{
    Console.Error.WriteLine(ex.Message);
    appDll = null;
}

if (rowKeyRows is { } rows && azurite is not null && rows > 0 && concurrency > 0)
{
    var before = Report.Machine();
    var table = await RowKeyCosts.RunAsync(azurite, rows, concurrency, Console.Error);
    Console.WriteLine($"Command: `{command ?? "Reminders.Bench.Load " + string.Join(' ', args)}`  ");
    Console.WriteLine($"Machine: {before}, load after {Report.LoadAverage()}  ");
    Console.WriteLine($"Date: {TimeProvider.System.GetUtcNow():yyyy-MM-dd HH:mm} UTC");
    Console.WriteLine();
    Console.WriteLine(table);
    return 0;
}

if (appDll is null || runs.Count == 0 || setupConcurrency < 1 || warmPeak < 0)
{
    Console.Error.WriteLine("usage: Reminders.Bench.Load --app <Reminders.Functions.dll> [--azurite <main.js>] [--setup-concurrency N] [--rates 10000,1000] [--warm N] sqlite:DUE[/TOTAL] | tables:DUE[/TOTAL] ...");
    return 2;
}

var options = new HarnessOptions(appDll, azurite, setupConcurrency, rates, warmPeak);
var machine = Report.Machine();
var results = new List<RunResult>();
foreach (var spec in runs)
{
    Console.Error.WriteLine($"run {spec.Label} (load {Report.LoadAverage()})");
    var result = await LoadRun.RunAsync(spec, options, Console.Error);
    Console.Error.WriteLine(result.Failure is null ? "  done" : $"  FAILED: {result.Failure}");
    results.Add(result);
}

Console.WriteLine(Report.Render(results, machine, command ?? "Reminders.Bench.Load " + string.Join(' ', args), Report.LoadAverage()));
return results.Any(r => r.Failure is not null || r.Missing > 0 || r.Duplicates > 0 || r.Unexpected > 0) ? 1 : 0;
