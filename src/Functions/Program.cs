using Reminders.Core;
using Reminders.Functions.Hosting;
using Reminders.Functions.Http.Admin;
using Reminders.Functions.Http.AdminPage;
using Reminders.Functions.Http.Health;
using Reminders.Functions.Http.Prompts;
using Reminders.Functions.Http.Stats;
using Reminders.Functions.Http.Sms;
using Reminders.Functions.Http.Subscriptions;
using Reminders.Functions.Standalone;
using Reminders.Functions.Triggers;

// A start-up error (no admin key, invalid options, port in use) ends the process with one clear stderr line and exit code 1.
FatalErrors.ExitWithOneClearLine();

var builder = WebApplication.CreateBuilder(args);

// Standalone (dotnet run) or Azure Functions custom handler (the host sets FUNCTIONS_CUSTOMHANDLER_PORT).
var mode = builder.UseRemindersHosting();

builder.Services.AddProblemDetails();
builder.Services.AddRemindersCore(builder.Configuration);
builder.Services.AddSignupRateLimits(builder.Configuration);
builder.Services.AddSmsWebhooks();
builder.Services.AddSingleton(AdminKeyRing.FromConfiguration(builder.Configuration, generateWhenMissing: mode == HostingMode.Standalone));
builder.Services.AddHostedService<StoreStartup>();

// Standalone only: a built-in timer on the function.json schedule and an in-process queue for SendBatch.
builder.Services.AddOptions<StandaloneOptions>().Bind(builder.Configuration.GetSection(StandaloneOptions.SectionName));
builder.Services.AddSingleton<NudgeQueue>();
builder.Services.AddSingleton<StandaloneJobs>();
if (mode == HostingMode.Standalone)
{
    builder.Services.AddHostedService<DueScanTimer>();
    builder.Services.AddHostedService<SendBatchWorker>();
}
else
{
    // Custom handler: the host fires DueScan on its timer and SendBatch from the Storage Queue.
    builder.Services.AddCustomHandlerTriggers();
}

var app = builder.Build();

app.UseForwardedClientAddress(mode);
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

app.MapHealthEndpoints();
app.MapSubscriptionEndpoints();
app.MapPromptEndpoints();
app.MapStatsEndpoints();
app.MapSmsEndpoints();
app.MapAdminPage(underFunctionsHost: mode == HostingMode.CustomHandler);
if (mode == HostingMode.CustomHandler)
{
    // GET / (readiness), POST /DueScan, POST /SendBatch: only the host reaches them (see TriggerEndpoints).
    app.MapCustomHandlerTriggers();
}

if (app.Services.GetRequiredService<AdminKeyRing>().GeneratedKey is { } key)
{
    // Printed once so a newcomer can call the admin API; configure Admin:ApiKeys to choose your own.
    Console.WriteLine($"No Admin:ApiKeys configured; this run's admin key (name 'local') is: {key}");
}

app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(
    () => app.Services.GetRequiredService<NudgeQueue>().Close());

app.Run();
