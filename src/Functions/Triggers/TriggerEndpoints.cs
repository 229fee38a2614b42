namespace Reminders.Functions.Triggers;

/// <summary>
/// The endpoints only the Functions host calls, mapped only in custom-handler mode: <c>GET /</c> (the host's
/// readiness probe) and <c>POST /{function name}</c> for the timer and queue functions. In that mode the app listens
/// on 127.0.0.1 alone and the public reaches it only through the HTTP functions' routes, none of which match these
/// paths (a test checks it); in standalone mode they do not exist.
/// </summary>
internal static class TriggerEndpoints
{
    public static IServiceCollection AddCustomHandlerTriggers(this IServiceCollection services)
    {
        services.AddSingleton<DueScanTrigger>();
        services.AddSingleton<SendBatchTrigger>();
        return services;
    }

    public static RouteGroupBuilder MapCustomHandlerTriggers(this IEndpointRouteBuilder app)
    {
        var host = app.MapGroup("/").WithTags("FunctionsHost").WithMetadata(FunctionsHostEndpoint.Instance);
        host.MapGet("/", () => TypedResults.Ok()).WithName("HostReadiness");
        host.MapPost($"/{FunctionBindings.DueScan}", (HttpRequest request, DueScanTrigger trigger, CancellationToken cancellationToken) =>
            trigger.HandleAsync(request, cancellationToken)).WithName(FunctionBindings.DueScan);
        host.MapPost($"/{FunctionBindings.SendBatch}", (HttpRequest request, SendBatchTrigger trigger, CancellationToken cancellationToken) =>
            trigger.HandleAsync(request, cancellationToken)).WithName(FunctionBindings.SendBatch);
        return host;
    }
}

/// <summary>Marks an endpoint that serves the Functions host itself, not a public route (no function.json routes to it).</summary>
internal sealed class FunctionsHostEndpoint
{
    public static readonly FunctionsHostEndpoint Instance = new();

    private FunctionsHostEndpoint()
    {
    }
}
