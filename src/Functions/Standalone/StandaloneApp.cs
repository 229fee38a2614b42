using Microsoft.AspNetCore.Hosting;
using Reminders.Functions.Hosting;

namespace Reminders.Functions.Standalone;

/// <summary>
/// <c>dotnet run</c> with no Functions host: a web app that serves every <c>[HttpTrigger]</c> function at its route,
/// fires DueScan on its <c>[TimerTrigger]</c> schedule and feeds SendBatch and SendConfirmation from in-process queues.
/// </summary>
internal static class StandaloneApp
{
    public static WebApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(HostArgs.WithoutConfigReload(args));
        var configured = builder.Configuration["urls"] ?? builder.Configuration["ASPNETCORE_URLS"] ?? builder.Configuration["HTTP_PORTS"];
        if (string.IsNullOrEmpty(configured))
        {
            // The port func start uses, so the same URLs work in both modes.
            builder.WebHost.UseUrls("http://localhost:7071");
        }

        builder.Services.AddReminders(builder.Configuration, HostingMode.Standalone);
        builder.Services.AddSingleton(HostJson.Load(HostJson.DefaultPath));
        builder.Services.AddOptions<StandaloneOptions>().Bind(builder.Configuration.GetSection(StandaloneOptions.SectionName));
        builder.Services.AddSingleton<NudgeQueue>();
        builder.Services.AddSingleton<StandaloneJobs>();
        builder.Services.AddSingleton<SendBatchWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<SendBatchWorker>());
        builder.Services.AddSingleton<ConfirmationQueue>().AddSingleton<SendConfirmationWorker>().AddHostedService(sp => sp.GetRequiredService<SendConfirmationWorker>());
        builder.Services.AddSingleton<InProcessQueue>(sp => sp.GetRequiredService<NudgeQueue>()).AddSingleton<InProcessQueue>(sp => sp.GetRequiredService<ConfirmationQueue>());
        builder.Services.AddHostedService<DueScanTimer>();
        builder.Services.AddHostedService<RetentionSweepTimer>();
        return builder;
    }

    public static WebApplication Build(WebApplicationBuilder builder)
    {
        var app = builder.Build();

        // Only for what no function handles (an unknown route, a wrong method): the functions answer their own errors.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapHttpFunctions(app.Services.GetRequiredService<HostJson>().RoutePrefix);

        app.Lifetime.ApplicationStopping.Register(() =>
        {
            foreach (var queue in app.Services.GetServices<InProcessQueue>())
            {
                queue.Close();
            }
        });
        return app;
    }
}
