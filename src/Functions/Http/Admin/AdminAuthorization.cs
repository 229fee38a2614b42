namespace Reminders.Functions.Http.Admin;

/// <summary>Admin calls carry <c>Authorization: Bearer &lt;key&gt;</c>; anything else gets a 401 problem.</summary>
internal static class AdminAuthorization
{
    private const string ActorItem = "reminders.admin";

    /// <summary>Requires an admin key on every endpoint of the group.</summary>
    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        builder.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var keys = http.RequestServices.GetRequiredService<AdminKeyRing>();
            var header = http.Request.Headers.Authorization.ToString();
            var presented = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : null;
            if (keys.Authenticate(presented) is not { } actor)
            {
                http.Response.Headers.WWWAuthenticate = "Bearer";
                return TypedResults.Problem(
                    statusCode: StatusCodes.Status401Unauthorized,
                    title: "Admin key required",
                    detail: "Send 'Authorization: Bearer <key>' with a key from Admin:ApiKeys.");
            }

            http.Items[ActorItem] = actor;
            return await next(context);
        });
        return builder;
    }

    /// <summary>The name of the admin who made this request (set by <see cref="RequireAdminKey"/>).</summary>
    public static string AdminName(this HttpContext context) =>
        context.Items[ActorItem] as string ?? throw new InvalidOperationException("The endpoint does not require an admin key.");
}
