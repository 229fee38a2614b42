using Reminders.Functions.Hosting;
using Reminders.Functions.Http.Admin;
using Reminders.Functions.Standalone;

// A start-up error (no admin key, invalid options, port in use) ends the process with one clear stderr line and exit code 1.
FatalErrors.ExitWithOneClearLine();

// libphonenumber's metadata is needed by options validation and most requests: load it on another core meanwhile.
_ = Task.Run(Reminders.Core.Subscribers.PhoneNumber.WarmUp);

// The worker cannot start without a host to call back, so the mode is chosen before anything is built.
if (HostLaunch.Detect(args, Environment.GetEnvironmentVariable) == HostingMode.Functions)
{
    FunctionsWorker.CreateBuilder(args).Build().Run();
    return;
}

var app = StandaloneApp.Build(StandaloneApp.CreateBuilder(args));
if (app.Services.GetRequiredService<AdminKeyRing>().GeneratedKey is { } key)
{
    // Printed once so a newcomer can call the admin API; configure Admin:ApiKeys to choose your own.
    Console.WriteLine($"No Admin:ApiKeys configured; this run's admin key (name 'local') is: {key}");
}

app.Run();

/// <summary>The entry point, public for WebApplicationFactory.</summary>
public partial class Program;
