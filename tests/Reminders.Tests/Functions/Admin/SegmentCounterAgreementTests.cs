using System.ComponentModel;
using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Reminders.Core.Prompts;

namespace Reminders.Tests.Functions.Admin;

/// <summary>
/// The admin page counts segments in JavaScript (<c>wwwroot/admin/segments.js</c>) and the server in C#
/// (<see cref="SmsSegmentCounter"/>). This runs the page's file under Node on the shared vectors and on generated
/// strings, and requires both counters and the vectors to agree on every one.
/// </summary>
public sealed class SegmentCounterAgreementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SegmentsJs_SharedVectors_MatchTheVectorsFileAndTheServerCounter()
    {
        var vectors = LoadVectors();
        Assert.True(vectors.Count >= 30, $"only {vectors.Count} vectors");

        var counts = await RunNodeAsync(vectors.Select(v => v.Text).ToList());

        var disagreements = new List<string>();
        for (var i = 0; i < vectors.Count; i++)
        {
            var vector = vectors[i];
            var server = Server(vector.Text);
            var expected = new Count(vector.Encoding, vector.Segments, vector.Units, vector.Text.Length);
            if (counts[i] != expected || server != expected)
            {
                disagreements.Add($"{vector.Description}: file {expected}, page {counts[i]}, server {server}");
            }
        }

        Assert.Empty(disagreements);
    }

    [Fact]
    public async Task SegmentsJs_GeneratedTexts_MatchTheServerCounter()
    {
        var texts = GeneratedTexts();

        var counts = await RunNodeAsync(texts);

        var disagreements = texts
            .Select((text, i) => (text, page: counts[i], server: Server(text)))
            .Where(x => x.page != x.server)
            .Select(x => $"{JsonSerializer.Serialize(x.text)}: page {x.page}, server {x.server}")
            .ToList();
        Assert.Empty(disagreements);
        Assert.Contains(counts, c => c.Encoding == "UCS-2" && c.Segments >= 3);
        Assert.Contains(counts, c => c.Encoding == "GSM-7" && c.Segments >= 3);
    }

    [Fact]
    public async Task SegmentsJs_CountNudge_CountsThePrefixAndStopReminderLikeTheServer()
    {
        var texts = BuiltInPromptLibrary.All.Select(p => p.Text).Concat(GeneratedTexts()).ToList();

        var counts = await RunNodeAsync(texts, "Reminders");

        var disagreements = texts
            .Select((text, i) => (text, page: counts[i], server: Server(NudgeFormat.Longest("Reminders", text))))
            .Where(x => x.page != x.server)
            .Select(x => $"{JsonSerializer.Serialize(x.text)}: page {x.page}, server {x.server}")
            .ToList();
        Assert.Empty(disagreements);
        Assert.All(counts.Take(BuiltInPromptLibrary.All.Count), c => Assert.Equal(("GSM-7", 1), (c.Encoding, c.Segments)));
    }

    [Fact]
    public async Task AdminJs_TextCounter_CountsTheNudgeNotTheBareText()
    {
        var script = await File.ReadAllTextAsync(Path.Combine(RepositoryFiles.AdminPage, "admin.js"), Ct);

        Assert.Contains("SmsSegments.countNudge(text, PROGRAM_NAME)", script, StringComparison.Ordinal);
    }

    /// <summary>Deterministic mixes of plain, extension, non-GSM and multi-unit characters around the segment limits.</summary>
    private static List<string> GeneratedTexts()
    {
        string[] gsm = ["a", " ", "€", "{", "é", "\n", "^", "Ω", "ß"];
        string[] other = ["ç", "\u2019", "\u201C", "\u00A0", "\U0001F600", "\U0001F44D\U0001F3FD", "\U0001F3F3\uFE0F\u200D\U0001F308", "e\u0301"];
        var random = new Random(20260610);
        var texts = new List<string>();
        foreach (var length in new[] { 60, 66, 67, 68, 69, 70, 71, 130, 134, 135, 140, 152, 153, 154, 159, 160, 161, 200, 300, 305, 306, 307, 320, 459, 460 })
        {
            for (var variant = 0; variant < 6; variant++)
            {
                // Variant 0: plain; 1: GSM-7 with extension characters; 2-5: rising shares of non-GSM characters.
                var builder = new StringBuilder();
                while (builder.Length < length)
                {
                    var pool = variant >= 2 && random.Next(10) < variant ? other : gsm;
                    builder.Append(variant == 0 ? "a" : pool[random.Next(pool.Length)]);
                }

                texts.Add(builder.ToString());
            }
        }

        return texts;
    }

    private static Count Server(string text)
    {
        var count = SmsSegmentCounter.Count(text);
        return new Count(count.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2", count.Segments, count.Units, count.Length);
    }

    private static async Task<IReadOnlyList<Count>> RunNodeAsync(List<string> texts, string? programName = null)
    {
        var input = Path.Combine(Path.GetTempPath(), $"segments-input-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(input, programName is null ? JsonSerializer.Serialize(new { texts }) : JsonSerializer.Serialize(new { texts, programName }), Ct);
        try
        {
            var start = new ProcessStartInfo("node")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                StandardOutputEncoding = Encoding.UTF8,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Functions", "Admin", "segments-runner.js"));
            start.ArgumentList.Add(Path.Combine(RepositoryFiles.AdminPage, "segments.js"));
            start.ArgumentList.Add(input);

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new InvalidOperationException("node did not start.");
            }
            catch (Win32Exception ex)
            {
                Assert.Fail($"Node.js is needed to run the admin page's counter (install the 'nodejs' package): {ex.Message}");
                throw;
            }

            using (process)
            {
                var output = process.StandardOutput.ReadToEndAsync(Ct);
                var errors = process.StandardError.ReadToEndAsync(Ct);
                await process.WaitForExitAsync(Ct);
                Assert.True(process.ExitCode == 0, $"node exited with {process.ExitCode}: {await errors}");
                var counts = JsonSerializer.Deserialize<List<Count>>(await output, JsonSerializerOptions.Web) ?? [];
                Assert.Equal(texts.Count, counts.Count);
                return counts;
            }
        }
        finally
        {
            File.Delete(input);
        }
    }

    private static List<Vector> LoadVectors()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Prompts", "segment-vectors.json");
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        return
        [
            .. document.RootElement.GetProperty("vectors").EnumerateArray().Select(v => new Vector(
                v.GetProperty("description").GetString()!,
                v.GetProperty("text").GetString()!,
                v.GetProperty("encoding").GetString()!,
                v.GetProperty("segments").GetInt32(),
                v.GetProperty("units").GetInt32())),
        ];
    }

    private sealed record Vector(string Description, string Text, string Encoding, int Segments, int Units);

    private sealed record Count(string Encoding, int Segments, int Units, int Length);
}
