using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;

namespace Reminders.Bench.Load;

/// <summary>One configuration: a store, how many subscribers are due at the test instant, and how many exist.</summary>
internal sealed record RunSpec(string Store, int Due, int Total)
{
    public string Label => Due == Total
        ? string.Create(CultureInfo.InvariantCulture, $"{Store} {Due:N0} due")
        : string.Create(CultureInfo.InvariantCulture, $"{Store} {Due:N0} due of {Total:N0}");

    /// <summary><c>sqlite:10000</c> or <c>tables:1000/100000</c> (due/total).</summary>
    public static RunSpec Parse(string text)
    {
        var parts = text.Split(':', 2);
        if (parts.Length != 2 || parts[0] is not ("sqlite" or "tables"))
        {
            throw new ArgumentException($"'{text}': a run is sqlite:DUE[/TOTAL] or tables:DUE[/TOTAL].");
        }

        var counts = parts[1].Split('/', 2);
        var due = int.Parse(counts[0], CultureInfo.InvariantCulture);
        var total = counts.Length == 2 ? int.Parse(counts[1], CultureInfo.InvariantCulture) : due;
        if (due < 1 || total < due || total > 100_000)
        {
            throw new ArgumentException($"'{text}': need 1 <= due <= total <= 100000 (the signup limit per address per hour).");
        }

        return new RunSpec(parts[0], due, total);
    }
}

/// <summary>What every run shares: the app, Azurite, the setup concurrency, the pace settings to try, the warm-up peak.</summary>
/// <param name="AppDll">The deployment package's Reminders.Functions.dll.</param>
/// <param name="AzuriteMain">Azurite's table/main.js (Table runs only).</param>
/// <param name="SetupConcurrency">API calls in flight while creating subscribers.</param>
/// <param name="Rates">Values of Delivery:MaxMessagesPerSecond to try in order.</param>
/// <param name="WarmPeak">Subscribers of an earlier peak in the same app process, before the measured one (0: none).</param>
internal sealed record HarnessOptions(string AppDll, string? AzuriteMain, int SetupConcurrency, IReadOnlyList<double> Rates, int WarmPeak = 0);

/// <summary>What one run measured; null where it could not be measured.</summary>
internal sealed record RunResult(RunSpec Spec)
{
    public double Rate { get; set; }
    public TimeSpan SignupTime { get; set; }
    public TimeSpan ActivationTime { get; set; }
    public DateTimeOffset DueAt { get; set; }
    public int Nudged { get; set; }
    public int Duplicates { get; set; }
    public int Missing { get; set; }
    public int Unexpected { get; set; }
    public TimeSpan? FirstNudge { get; set; }
    public TimeSpan? LastNudge { get; set; }
    public double? NudgesPerSecond { get; set; }
    public int AppConcurrency { get; set; }
    public double? RawPerSecond { get; set; }
    public double? RawSingle { get; set; }
    public ScanLine? Scan { get; set; }

    /// <summary>The mean ms per sent nudge in each of the app's stages (its batch lines of the measured peak, weighted by sends).</summary>
    public BatchLine? Stages { get; set; }
    public DateTimeOffset? ScanStart { get; set; }
    public int MissedTicks { get; set; }
    public long PeakRssKb { get; set; }
    public long PeakRssWhileSendingKb { get; set; }
    public long LogLines { get; set; }
    public long LogLinesWhileSending { get; set; }
    public TableCounts? Tables { get; set; }
    public string? Failure { get; set; }

    /// <summary>Nudges of the warm-up peak the same process sent before the measured one (0: the measured peak was its first).</summary>
    public int WarmPeakNudged { get; set; }

    /// <summary>Cores used on average from the first to the last nudge: the app, this harness (fake, proxy), Azurite.</summary>
    public (double? App, double? Harness, double? Azurite) CoresWhileSending { get; set; }

    public TimeSpan? ScanTime => Scan is { } s && ScanStart is { } start ? s.At - start : null;

    /// <summary>Table requests (scan and send) per nudge of the measured peak; null without Table counts or nudges.</summary>
    public double? TableRequestsPerNudge => Tables is { } t && Nudged > 0 ? (t.Scan + t.Send) / (double)Nudged : null;
}

/// <summary>Table requests split by phase, with the verb/table breakdown of each.</summary>
internal sealed record TableCounts(
    int Scan, int Send, IReadOnlyDictionary<string, int> ScanByKind, IReadOnlyDictionary<string, int> SendByKind,
    int AppTableConcurrency, double? RawInserts, double? RawInsertsSingle, double? RawInsertsSixteen = null)
{
    /// <summary>Azurite's best raw insert rate of the run: at the app's concurrency, one at a time, or 16 at a time.</summary>
    public double? BestRawInserts => RawInserts is { } raw ? Math.Max(raw, Math.Max(RawInsertsSingle ?? 0, RawInsertsSixteen ?? 0)) : null;
}

/// <summary>
/// The flow of one run: fresh store, app, fake Twilio (and Azurite behind a counting proxy); N subscribers signed up
/// and activated through the public API so that D of them are due at one whole minute; then wait for the timer and
/// count what arrives at the fake.
/// </summary>
internal static class LoadRun
{
    private static readonly TimeSpan NoFirstNudgeLimit = TimeSpan.FromSeconds(150);
    private static readonly TimeSpan NoProgressLimit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan DuplicateGrace = TimeSpan.FromSeconds(5);

    public static async Task<RunResult> RunAsync(RunSpec spec, HarnessOptions options, TextWriter log)
    {
        var result = new RunResult(spec);
        var work = Directory.CreateTempSubdirectory("bench-load-").FullName;
        Azurite? azurite = null;
        TableProxy? proxy = null;
        AppProcess? app = null;
        await using var fake = await FakeTwilio.StartAsync();
        try
        {
            var adminKey = RandomNumberGenerator.GetHexString(40, lowercase: true);
            var environment = new Dictionary<string, string>
            {
                ["Admin__ApiKeys__0"] = "bench:" + adminKey,
                ["Storage__Provider"] = spec.Store,
                ["Storage__SqlitePath"] = Path.Combine(work, "reminders.db"),
                ["DueScanSchedule"] = "0 * * * * *",
                ["Signup__MaxPerAddressPerHour"] = "100000",
                ["Signup__MaxPerMinute"] = "1000000",
                // Signup confirmations leave through the confirmation queue at their own pace: fast here, so they have
                // all gone out before the due instant and none is counted as a nudge.
                ["Delivery__ConfirmationMessagesPerSecond"] = "1000",
                ["Twilio__AccountSid"] = FakeTwilio.AccountSid,
                ["Twilio__AuthToken"] = FakeTwilio.AuthToken,
                ["Twilio__From"] = FakeTwilio.From,
                ["Twilio__ApiBaseUrl"] = fake.BaseUrl.ToString().TrimEnd('/'),
                // Required once Twilio is configured (a HELP reply must name a contact).
                ["Program__SupportContact"] = "help@example.org",
            };
            if (spec.Store == "tables")
            {
                azurite = await Azurite.StartAsync(options.AzuriteMain ?? throw new InvalidOperationException("tables runs need --azurite <main.js>"));
                proxy = await TableProxy.StartAsync(azurite.Endpoint);
                var proxied = new Uri(proxy.BaseUrl, Azurite.AccountName);
                environment["Storage__TablesConnectionString"] = azurite.ConnectionString(proxied);
                environment["AzureWebJobsStorage"] = azurite.ConnectionString(proxied);
            }

            // The fastest pace the app accepts: Delivery:MaxMessagesPerSecond is validated at start.
            foreach (var rate in options.Rates)
            {
                environment["Delivery__MaxMessagesPerSecond"] = rate.ToString(CultureInfo.InvariantCulture);
                app = AppProcess.Start(options.AppDll, environment);
                if (await app.WaitReadyAsync(TimeSpan.FromSeconds(90)))
                {
                    result.Rate = rate;
                    break;
                }

                log.WriteLine($"  app did not start with Delivery:MaxMessagesPerSecond={rate}: {app.Tail.Split('\n')[^1]}");
                await app.DisposeAsync();
                app = null;
            }

            if (app is null)
            {
                result.Failure = "the app did not start";
                return result;
            }

            log.WriteLine($"  app pid {app.ProcessId} ready at {app.BaseUrl} (pace {result.Rate}/s)");
            await DriveAsync(spec, options, result, app, fake, proxy, azurite?.ProcessId, adminKey, log);

            result.PeakRssKb = app.HighWaterRssKb() is > 0 and var hwm ? hwm : app.SampledPeakRssKb;
            result.LogLines = app.LogLines;
            await app.DisposeAsync();
            app = null;

            // Ceilings, with the app stopped so it does not compete for the cores.
            if (result.Nudged > 0)
            {
                var count = Math.Max(spec.Due, 2_000);
                result.RawPerSecond = await RawLoads.TwilioPostsPerSecondAsync(fake.BaseUrl, result.AppConcurrency, count);
                result.RawSingle = result.AppConcurrency == 1 ? result.RawPerSecond : await RawLoads.TwilioPostsPerSecondAsync(fake.BaseUrl, 1, count);
                if (proxy is not null && result.Tables is { } t)
                {
                    var proxied = new Uri(proxy.BaseUrl, Azurite.AccountName);
                    var inserts = Math.Min(Math.Max(spec.Due, 1_000), 5_000);
                    var raw = await RawLoads.TableInsertsPerSecondAsync(proxied, t.AppTableConcurrency, inserts);
                    var single = t.AppTableConcurrency == 1 ? raw : await RawLoads.TableInsertsPerSecondAsync(proxied, 1, inserts);
                    // Azurite serves fewer inserts a second with many requests in flight than with a few, so the ceiling is its best
                    // rate, not only the one at the app's concurrency.
                    var sixteen = t.AppTableConcurrency == 16 ? raw : await RawLoads.TableInsertsPerSecondAsync(proxied, 16, inserts);
                    result.Tables = t with { RawInserts = raw, RawInsertsSingle = single, RawInsertsSixteen = sixteen };
                }
            }

            return result;
        }
#pragma warning disable CA1031 // one failed run is reported and the next one still runs
        catch (Exception ex)
#pragma warning restore CA1031
        {
            result.Failure = ex.GetType().Name + ": " + ex.Message;
            if (app is not null)
            {
                log.WriteLine($"  app output tail:\n{app.Tail}");
            }

            return result;
        }
        finally
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }

            if (proxy is not null)
            {
                await proxy.DisposeAsync();
            }

            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            try
            {
                Directory.Delete(work, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task DriveAsync(
        RunSpec spec, HarnessOptions options, RunResult result, AppProcess app, FakeTwilio fake, TableProxy? proxy, int? azuritePid,
        string adminKey, TextWriter log)
    {
        var readyAt = TimeProvider.System.GetUtcNow();
        using var client = new HttpClient(
            new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = options.SetupConcurrency }, disposeHandler: true)
        {
            BaseAddress = app.BaseUrl,
            Timeout = TimeSpan.FromMinutes(2),
        };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminKey);

        // A fixed-offset zone where it is about noon now, so the due instant is well inside the 08:00-20:00 window.
        var now = TimeProvider.System.GetUtcNow();
        var offset = 12 - now.Hour;
        var zone = offset switch { 0 => "Etc/GMT", > 0 => $"Etc/GMT-{offset}", _ => $"Etc/GMT+{-offset}" };
        var local = TimeSpan.FromHours(offset);
        var farSendAt = (now + local + TimeSpan.FromHours(5)).ToString("HH:mm", CultureInfo.InvariantCulture);

        fake.BeginPhase(0);
        var clock = Stopwatch.StartNew();
        // Phones 0..DUE-1 are due at the measured instant, DUE..TOTAL-1 never; the warm-up peak's come after TOTAL.
        var signups = spec.Total + options.WarmPeak;
        await ForEachAsync(signups, options.SetupConcurrency, async i =>
        {
            using var response = await client.PostAsJsonAsync("api/subscriptions", new { phone = Phones.Number(i), timeZone = zone, sendAt = farSendAt });
            await EnsureAsync(response, "signup");
        });
        result.SignupTime = clock.Elapsed;
        log.WriteLine($"  signed up {signups:N0} in {result.SignupTime.TotalSeconds:F1} s");
        if (!await PhaseTextsArrivedAsync(fake, signups))
        {
            result.Failure = "the signup confirmations did not all arrive";
            return;
        }

        // Activates phones first .. first + count - 1 through the API (sendAt null: their send time stays as signed up).
        Task ActivateAsync(int first, int count, string? sendAt) => ForEachAsync(count, options.SetupConcurrency, async i =>
        {
            var path = $"api/subscriptions/{Uri.EscapeDataString(Phones.Number(first + i))}";
            using var response = await (sendAt is null
                ? client.PatchAsJsonAsync(path, new { status = "active" })
                : client.PatchAsJsonAsync(path, new { status = "active", sendAt }));
            await EnsureAsync(response, "activation");
        });

        // Subscribers that are not due: active, with a send time five hours away, so the scan's window never holds them.
        clock.Restart();
        await ActivateAsync(spec.Due, spec.Total - spec.Due, null);
        var perActivation = spec.Total > spec.Due
            ? clock.Elapsed / (spec.Total - spec.Due)
            : result.SignupTime / signups;

        // The first whole minute after count activations can surely be done from now (twice the measured time per
        // activation, plus 10 s), and after the app's first tick.
        DateTimeOffset DueAfterActivating(int count) =>
            DueAfter(TimeProvider.System.GetUtcNow() + (perActivation * count * 2) + TimeSpan.FromSeconds(10), readyAt);

        if (options.WarmPeak > 0)
        {
            // A peak of other subscribers first, so the measured one runs on code the process has run before (tier-1 JIT
            // done, pools filled), as in a service that sent yesterday's peak; not measured, only waited for.
            var warmDue = DueAfterActivating(options.WarmPeak);
            await ActivateAsync(spec.Total, options.WarmPeak, (warmDue + local).ToString("HH:mm", CultureInfo.InvariantCulture));
            fake.BeginPhase(2);
            log.WriteLine($"  warm-up peak: {options.WarmPeak:N0} due at {warmDue:HH:mm:ss} UTC");
            var untilWarm = warmDue - TimeProvider.System.GetUtcNow();
            await Task.Delay(untilWarm > TimeSpan.Zero ? untilWarm : TimeSpan.Zero, TimeProvider.System);
            var warmed = await PhaseTextsArrivedAsync(fake, options.WarmPeak, NoFirstNudgeLimit);
            result.WarmPeakNudged = (int)fake.CurrentPhaseTexts;
            if (!warmed)
            {
                result.Failure = "the warm-up peak did not finish";
                return;
            }

            await Task.Delay(TimeSpan.FromSeconds(2), TimeProvider.System); // its batches record their last sends
        }

        // The due instant: the first whole minute after the due subscribers can surely be activated (see DueAfter).
        var due = DueAfterActivating(spec.Due);
        result.DueAt = due;
        var dueSendAt = (due + local).ToString("HH:mm", CultureInfo.InvariantCulture);

        clock.Restart();
        await ActivateAsync(0, spec.Due, dueSendAt);
        result.ActivationTime = clock.Elapsed;
        var ready = TimeProvider.System.GetUtcNow();
        log.WriteLine($"  activated {spec.Due:N0} due at {due:HH:mm:ss} UTC ({dueSendAt} in {zone}); {(due - ready).TotalSeconds:F0} s to wait");
        if (ready >= due - TimeSpan.FromSeconds(1))
        {
            result.Failure = "activation overran the due instant";
            return;
        }

        // From here on every text at the fake is a nudge (every confirmation arrived before the activations).
        var baseline = TimeProvider.System.GetUtcNow();
        var baselineTicks = Stopwatch.GetTimestamp();
        DateTimeOffset ToWall(long ticks) => baseline + Stopwatch.GetElapsedTime(baselineTicks, ticks);
        fake.BeginPhase(1);
        var linesAtStart = app.LogLines;
        var tableStart = proxy?.Requests.Count ?? 0;

        var untilDue = due - TimeProvider.System.GetUtcNow();
        await Task.Delay(untilDue > TimeSpan.Zero ? untilDue : TimeSpan.Zero, TimeProvider.System);
        proxy?.ResetPeak();
        app.ResetSampledPeak();
        await using var cpu = new CpuSampler(app.ProcessId, Environment.ProcessId, azuritePid ?? -1);
        var lastCount = 0;
        var lastProgress = Stopwatch.StartNew();
        var complete = Stopwatch.StartNew();
        while (true)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), TimeProvider.System);
            var count = (int)fake.CurrentPhaseTexts;
            if (count != lastCount)
            {
                lastCount = count;
                lastProgress.Restart();
            }

            if (count < spec.Due)
            {
                complete.Restart();
            }

            if (complete.Elapsed > DuplicateGrace)
            {
                break;
            }

            if (count == 0 ? TimeProvider.System.GetUtcNow() - due > NoFirstNudgeLimit : lastProgress.Elapsed > NoProgressLimit)
            {
                result.Failure = count == 0 ? "no nudge arrived" : "nudges stopped arriving";
                break;
            }
        }

        result.LogLinesWhileSending = app.LogLines - linesAtStart;
        result.PeakRssWhileSendingKb = app.SampledPeakRssKb;
        var nudges = fake.Texts.Where(t => t.Phase == 1).ToList();
        var duePhones = Enumerable.Range(0, spec.Due).Select(Phones.Number).ToHashSet(StringComparer.Ordinal);
        var perPhone = nudges.GroupBy(t => t.To, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        result.Nudged = perPhone.Keys.Count(duePhones.Contains);
        result.Missing = spec.Due - result.Nudged;
        result.Duplicates = perPhone.Where(p => duePhones.Contains(p.Key)).Sum(p => p.Value - 1);
        result.Unexpected = perPhone.Where(p => !duePhones.Contains(p.Key)).Sum(p => p.Value);
        result.AppConcurrency = Math.Max(1, fake.PeakInFlight);
        if (nudges.Count > 0)
        {
            var first = ToWall(nudges.Min(t => t.Timestamp));
            var last = ToWall(nudges.Max(t => t.Timestamp));
            result.FirstNudge = first - due;
            result.LastNudge = last - due;
            if (nudges.Count > 1 && last > first)
            {
                result.NudgesPerSecond = (nudges.Count - 1) / (last - first).TotalSeconds;
                var cores = cpu.Cores(nudges.Min(t => t.Timestamp), nudges.Max(t => t.Timestamp));
                result.CoresWhileSending = (cores[0], cores[1], azuritePid is null ? null : cores[2]);
            }
        }

        // Where the measured peak's sends waited: the batch lines from the due instant on, weighted by their sends.
        var batches = app.Batches.Where(b => b.At >= due && b.Sent > 0).ToList();
        if (batches.Count > 0)
        {
            var sent = batches.Sum(b => b.Sent);
            double Mean(Func<BatchLine, double> stage) => batches.Sum(b => stage(b) * b.Sent) / sent;
            result.Stages = new BatchLine(due, sent, Mean(b => b.Prepare), Mean(b => b.Claim), Mean(b => b.SendSlot), Mean(b => b.Send), Mean(b => b.Record));
        }

        // The scan that read the due rows, and the tick it ran for: the built-in timer computes its next tick strictly
        // after the previous scan ended, so that tick is the first whole minute after the previous scan line (or the due
        // instant itself). A scan that fired early at the due tick and read nothing pushes the start a minute on.
        var scans = app.Scans.OrderBy(s => s.At).ToList();
        var index = scans.FindIndex(s => s.At >= due && s.Due > 0);
        if (index >= 0)
        {
            var scan = scans[index];
            var start = index > 0 && NextMinuteAfter(scans[index - 1].At) is var next && next > due ? next : due;
            result.Scan = scan;
            result.ScanStart = start;
            result.MissedTicks = (int)Math.Round((start - due).TotalMinutes);
        }

        if (proxy is not null)
        {
            var requests = proxy.Requests.Skip(tableStart).Select(r => (At: ToWall(r.Timestamp), r.Method, r.Table)).ToList();
            var scanStart = result.ScanStart ?? due;
            var scanEnd = result.Scan?.At ?? due;
            var end = (result.LastNudge is { } l ? due + l : scanEnd) + TimeSpan.FromSeconds(1);
            var scanPhase = requests.Where(r => r.At >= scanStart && r.At <= scanEnd).ToList();
            var sendPhase = requests.Where(r => r.At > scanEnd && r.At <= end).ToList();
            result.Tables = new TableCounts(
                scanPhase.Count,
                sendPhase.Count,
                scanPhase.GroupBy(r => r.Method + " " + r.Table).ToDictionary(g => g.Key, g => g.Count()),
                sendPhase.GroupBy(r => r.Method + " " + r.Table).ToDictionary(g => g.Key, g => g.Count()),
                Math.Max(1, proxy.PeakInFlight),
                null,
                null);
        }
    }

    /// <summary>
    /// The first whole minute after <paramref name="earliest"/> and after the app's first timer tick: the first scan
    /// after start has no cursor and reads a day back (25 hours of index partitions), which no scan in steady operation
    /// does.
    /// </summary>
    private static DateTimeOffset DueAfter(DateTimeOffset earliest, DateTimeOffset readyAt)
    {
        var firstTick = NextMinuteAfter(readyAt);
        if (earliest < firstTick + TimeSpan.FromSeconds(1))
        {
            earliest = firstTick + TimeSpan.FromSeconds(1);
        }

        return NextMinuteAfter(earliest);
    }

    /// <summary>
    /// Waits until the fake has <paramref name="expected"/> texts in the current phase (one per signup: the confirmations
    /// go out from the app's confirmation queue after the signups have answered; or one per subscriber of the warm-up
    /// peak). False when they stop arriving for <paramref name="patience"/> (default: the no-progress limit).
    /// </summary>
    private static async Task<bool> PhaseTextsArrivedAsync(FakeTwilio fake, int expected, TimeSpan? patience = null)
    {
        var last = -1L;
        var lastProgress = Stopwatch.StartNew();
        while (fake.CurrentPhaseTexts < expected)
        {
            if (fake.CurrentPhaseTexts != last)
            {
                last = fake.CurrentPhaseTexts;
                lastProgress.Restart();
            }
            else if (lastProgress.Elapsed > (patience ?? NoProgressLimit))
            {
                return false;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100), TimeProvider.System);
        }

        return true;
    }

    /// <summary>The built-in timer's next tick after a scan that ended at <paramref name="at"/> (every-minute schedule).</summary>
    private static DateTimeOffset NextMinuteAfter(DateTimeOffset at) =>
        new DateTimeOffset(at.Year, at.Month, at.Day, at.Hour, at.Minute, 0, TimeSpan.Zero).AddMinutes(1);

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted or HttpStatusCode.Created)
        {
            return;
        }

        var body = await response.Content.ReadAsStringAsync();
        throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}: {body}");
    }

    private static Task ForEachAsync(int count, int concurrency, Func<int, Task> body) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, _) => await body(i));
}
