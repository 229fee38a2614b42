using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Reminders.Tests.Hardening;

namespace Reminders.Tests.TestDoubles;

/// <summary>
/// The PII-in-logs check every end-to-end run of <see cref="Functions.RemindersAppFactory"/> ends with: no captured log
/// line (any level, any category) may hold a full phone number (any E.164 with its plus, and every number the store
/// knows, with or without the plus), a secret from the app's settings (admin keys, Twilio auth token and API key
/// secret, suppression key) or the body of a text the app sent (read back from the SQLite message log). The dry-run
/// gateway's outbox line is the one exception: with no SMS provider configured, showing the would-be text is its job.
/// </summary>
internal static partial class PiiLogCheck
{
    /// <summary>The dry-run gateway's "[dry-run] SMS to ..." line (event 2101).</summary>
    private const int DryRunOutboxEvent = 2101;

    public static void AssertClean(CapturedLogs logs, IReadOnlyCollection<string> secrets, string? sqlitePath)
    {
        var (phones, bodies) = sqlitePath is not null && File.Exists(sqlitePath) ? ReadStore(sqlitePath) : ([], []);
        AssertClean(logs, secrets, phones, bodies);
    }

    /// <summary>The same check with the numbers and bodies given (a run on Table Storage, or numbers erased since).</summary>
    public static void AssertClean(
        CapturedLogs logs, IReadOnlyCollection<string> secrets, IReadOnlyCollection<string> phones, IReadOnlyCollection<string> bodies)
    {
        foreach (var line in logs.Lines)
        {
            if (line.EventId == DryRunOutboxEvent && line.Category.EndsWith("DryRunSmsGateway", StringComparison.Ordinal))
            {
                continue;
            }

            var where = $"{line.Level} {line.Category} ({line.EventId})";
            Assert.False(E164().IsMatch(line.Text), $"A full phone number reached the log: {where}: {E164().Match(line.Text).Value}");
            foreach (var phone in phones)
            {
                Assert.False(line.Text.Contains(phone.TrimStart('+'), StringComparison.Ordinal), $"The number ending {phone[^4..]} reached the log: {where}");
            }

            foreach (var secret in secrets)
            {
                Assert.False(line.Text.Contains(secret, StringComparison.Ordinal), $"A secret from the settings reached the log: {where}");
            }

            foreach (var body in bodies)
            {
                Assert.False(line.Text.Contains(body, StringComparison.Ordinal), $"A message body reached the log: {where}");
            }
        }
    }

    private static (List<string> Phones, List<string> Bodies) ReadStore(string path)
    {
        var phones = new List<string>();
        var bodies = new List<string>();
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText =
                "SELECT phone FROM subscribers UNION SELECT phone FROM outbound_messages UNION SELECT phone FROM inbound_seen "
                + "UNION SELECT phone FROM consent WHERE phone LIKE '+%';";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                phones.Add(reader.GetString(0));
            }
        }

        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT DISTINCT body FROM outbound_messages WHERE length(body) >= 12;";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                bodies.Add(reader.GetString(0));
            }
        }

        return (phones, bodies);
    }

    [GeneratedRegex(@"(?<![\d*])\+\d{8,15}(?!\d)")]
    private static partial Regex E164();
}
