using System.Globalization;
using System.Text;
using Reminders.Core.Delivery;
using Reminders.Core.Storage;
using Reminders.Core.Subscribers;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Hardening;

/// <summary>
/// The fault suite's report: every scenario adds a line (store, subscriber-days, duplicates, losses, outcomes by kind),
/// and after each the whole report with totals is rewritten to <c>tests/Reminders.Tests/TestResults/fault-suite-report.txt</c>,
/// so at the end of the run it holds every scenario that ran. Each line also goes out as an xunit diagnostic message
/// (shown by the runner: <c>xunit.runner.json</c> turns them on) and to the test's output.
/// </summary>
internal static class FaultSuiteReport
{
    public static readonly string[] Kinds = ["sent", "skipped", "failed", "unknown", "lost"];

    private static readonly Lock Gate = new();
    private static readonly List<Entry> Entries = [];

    public static string FilePath { get; } = Path.Combine(RepositoryRoot.Find(), "tests", "Reminders.Tests", "TestResults", "fault-suite-report.txt");

    /// <summary>Reads each phone's daily delivery on each local date and sorts it into sent, skipped, failed, unknown or lost.</summary>
    public static async Task<Dictionary<string, int>> AccountAsync(
        IDeliveryStore deliveries, IReadOnlyList<string> phones, IReadOnlyList<DateOnly> localDates, Action<string>? onLost, CancellationToken cancellationToken)
    {
        var outcomes = Kinds.ToDictionary(k => k, _ => 0, StringComparer.Ordinal);
        foreach (var localDate in localDates)
        {
            foreach (var phone in phones)
            {
                var delivery = await deliveries.GetAsync(PhoneNumber.FromE164(phone), DeliveryRecord.DailyKey(localDate), cancellationToken);
                var kind = delivery?.Status switch
                {
                    DeliveryStatus.Accepted or DeliveryStatus.Sent or DeliveryStatus.Delivered => "sent",
                    DeliveryStatus.Skipped => "skipped",
                    DeliveryStatus.Failed or DeliveryStatus.Undelivered => "failed",
                    DeliveryStatus.Unknown => "unknown",
                    _ => "lost",
                };
                if (kind == "lost")
                {
                    onLost?.Invoke($"lost: {localDate:yyyy-MM-dd} {PhoneNumber.Mask(phone)} {delivery?.Status}");
                }

                outcomes[kind]++;
            }
        }

        return outcomes;
    }

    /// <summary>Adds a scenario's line, rewrites the report file and sends the line as a diagnostic message.</summary>
    public static string Record(string scenario, string store, int subscriberDays, int gatewayCalls, int duplicates, IReadOnlyDictionary<string, int> outcomes)
    {
        var entry = new Entry(scenario, store, subscriberDays, gatewayCalls, duplicates, outcomes.ToDictionary(o => o.Key, o => o.Value, StringComparer.Ordinal));
        string text;
        lock (Gate)
        {
            Entries.RemoveAll(e => e.Scenario == scenario && e.Store == store);
            Entries.Add(entry);
            text = Render(Entries);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
        lock (Gate)
        {
            File.WriteAllText(FilePath, text);
        }

        var line = "fault suite: " + entry.Line;
        TestContext.Current.SendDiagnosticMessage(line);
        TestContext.Current.TestOutputHelper?.WriteLine(line);
        return line;
    }

    private static string Render(List<Entry> entries)
    {
        var text = new StringBuilder();
        text.AppendLine("Fault suite report: every subscriber-day of every scenario, by outcome. Duplicates and losses must be 0.");
        text.AppendLine();
        foreach (var entry in entries.OrderBy(e => e.Scenario, StringComparer.Ordinal).ThenBy(e => e.Store, StringComparer.Ordinal))
        {
            text.AppendLine(entry.Line);
        }

        text.AppendLine();
        text.AppendLine(string.Create(
            CultureInfo.InvariantCulture,
            $"total: {entries.Count} scenario runs, {entries.Sum(e => e.SubscriberDays)} subscriber-days, duplicates {entries.Sum(e => e.Duplicates)}, losses {entries.Sum(e => e.Outcomes.GetValueOrDefault("lost"))}, {string.Join(", ", Kinds.Where(k => k != "lost").Select(k => $"{k} {entries.Sum(e => e.Outcomes.GetValueOrDefault(k))}"))}"));
        return text.ToString();
    }

    private sealed record Entry(string Scenario, string Store, int SubscriberDays, int GatewayCalls, int Duplicates, Dictionary<string, int> Outcomes)
    {
        public string Line => string.Create(
            CultureInfo.InvariantCulture,
            $"{Scenario} [{Store}]: {SubscriberDays} subscriber-days, gateway calls {GatewayCalls}, duplicates {Duplicates}, losses {Outcomes.GetValueOrDefault("lost")}, {string.Join(", ", Kinds.Where(k => k != "lost").Select(k => $"{k} {Outcomes.GetValueOrDefault(k)}"))}");
    }
}
