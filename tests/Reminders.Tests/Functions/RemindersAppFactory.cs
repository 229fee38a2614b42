using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Reminders.Functions.Hosting;
using Microsoft.Extensions.Logging;
using Reminders.Tests.Hardening;
using Reminders.Tests.TestDoubles;

namespace Reminders.Tests.Functions;

/// <summary>
/// The real app, in memory, with its own temporary SQLite file, a manual clock, a known admin key and the
/// built-in timer off (tests fire scans themselves). One per test. Every log line of the run is captured, and disposing
/// the factory fails the test when one holds a full number, a secret or a message body (<see cref="PiiLogCheck"/>).
/// </summary>
public sealed class RemindersAppFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = "test-admin-key-0123456789";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "reminders-tests", Guid.NewGuid().ToString("N"));
    private readonly Action<IWebHostBuilder>? _configure;
    private bool _built;

    public RemindersAppFactory(DateTimeOffset start, Action<IWebHostBuilder>? configure = null)
    {
        Time = new TimerWatchingFakeTimeProvider(start);
        _configure = configure;
    }

    public TimerWatchingFakeTimeProvider Time { get; }

    public string DatabasePath => Path.Combine(_directory, "reminders.db");

    /// <summary>
    /// Whether creating the app waits until start-up has prepared the store (the default, so a test may use the store
    /// directly). Start-up itself prepares it beside the server's start; the readiness tests turn this off.
    /// </summary>
    public bool WaitForStore { get; init; } = true;
    /// <summary>Every log line the app wrote, at every level.</summary>
    internal CapturedLogs Logs { get; } = new();

    public HttpClient CreateAdminClient()
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:Provider", "sqlite");
        builder.UseSetting("Storage:SqlitePath", DatabasePath);
        builder.UseSetting("Admin:ApiKeys:0", "tester:" + AdminKey);
        builder.UseSetting("Standalone:Scheduler", "false");
        builder.UseSetting("Signup:MaxPerAddressPerHour", "10000");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Time);
        });
        builder.ConfigureLogging(logging => logging.AddProvider(Logs).AddFilter<CapturedLogs>(null, LogLevel.Trace));
        _configure?.Invoke(builder);
        _built = true;
    }

    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (WaitForStore)
        {
            host.Services.GetRequiredService<StoreReadiness>().WaitAsync(CancellationToken.None).GetAwaiter().GetResult();
        }

        return host;
    }

    protected override void Dispose(bool disposing)
    {
        List<string>? secrets = null;
        if (disposing && _built)
        {
            try
            {
                secrets = Secrets(Services.GetRequiredService<IConfiguration>());
            }
#pragma warning disable CA1031 // A host that never started (a start-up failure under test) has no run to check.
            catch (Exception)
#pragma warning restore CA1031
            {
            }
        }

        base.Dispose(disposing);
        if (secrets is not null)
        {
            PiiLogCheck.AssertClean(Logs, secrets, DatabasePath);
        }

        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
                // A leftover temp folder is harmless.
            }
        }
    }

    private static List<string> Secrets(IConfiguration configuration)
    {
        var secrets = configuration.GetSection("Admin:ApiKeys").GetChildren().Select(c => c.Value)
            .SelectMany(v => (v ?? string.Empty).Split(';'))
            .Select(entry => entry.Contains(':', StringComparison.Ordinal) ? entry[(entry.IndexOf(':', StringComparison.Ordinal) + 1)..] : entry)
            .Append(configuration["Twilio:AuthToken"])
            .Append(configuration["Twilio:ApiKeySecret"])
            .Append(configuration["Privacy:SuppressionKey"])
            .Append(AdminKey);
        return [.. secrets.OfType<string>().Where(s => s.Length >= 8).Distinct(StringComparer.Ordinal)];
    }
}
