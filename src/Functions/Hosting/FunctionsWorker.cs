using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Builder;
using Reminders.Functions.Functions;

namespace Reminders.Functions.Hosting;

/// <summary>The isolated worker, as the Functions host launches it (<c>func start</c>, or the Function App).</summary>
internal static class FunctionsWorker
{
    public const string ApplicationInsightsVariable = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    public static FunctionsApplicationBuilder CreateBuilder(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();

        // In Azure the data lives in Table Storage unless a provider is chosen explicitly.
        if (string.IsNullOrEmpty(builder.Configuration["Storage:Provider"]))
        {
            builder.Configuration.AddInMemoryCollection([new("Storage:Provider", "tables")]);
        }

        // The queue messages between DueScan and SendBatch: the same JSON as the standalone queue.
        builder.Services.Configure<WorkerOptions>(o => o.Serializer = new JsonObjectSerializer(BatchMessages.Options));
        builder.Services.AddReminders(builder.Configuration, HostingMode.Functions);

        if (!string.IsNullOrWhiteSpace(builder.Configuration[ApplicationInsightsVariable]))
        {
            builder.Services.AddApplicationInsightsTelemetryWorkerService().ConfigureFunctionsApplicationInsights();
        }

        return builder;
    }
}
