using Reminders.Core;
using Reminders.Functions.Hosting;
using Reminders.Functions.Http.Admin;
using Reminders.Functions.Http.Health;
using Reminders.Functions.Http.Sms;
using Reminders.Functions.Http.Subscriptions;
using Reminders.Functions.Standalone;

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

var app = builder.Build();

app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseRateLimiter();

app.MapHealthEndpoints();
app.MapSubscriptionEndpoints();
app.MapSmsEndpoints();

if (app.Services.GetRequiredService<AdminKeyRing>().GeneratedKey is { } key)
{
    // Printed once so a newcomer can call the admin API; configure Admin:ApiKeys to choose your own.
    Console.WriteLine($"No Admin:ApiKeys configured; this run's admin key (name 'local') is: {key}");
}

app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.Register(
    () => app.Services.GetRequiredService<NudgeQueue>().Close());

app.Run();
