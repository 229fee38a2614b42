namespace Reminders.Functions.Http.Admin;

/// <summary>Admin calls carry <c>Authorization: Bearer &lt;key&gt;</c>; anything else gets a 401 problem.</summary>
internal static class AdminAuthorization
{
    private const string ActorItem = "reminders.admin";

    /// <summary>Checks the request's key; on success records who acted and returns null, else the 401 to answer.</summary>
    public static IResult? Authorize(HttpContext http, AdminKeyRing keys)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(keys);
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
        return null;
    }

    /// <summary>The name of the admin who made this request (set by <see cref="Authorize"/>).</summary>
    public static string AdminName(this HttpContext context) =>
        context.Items[ActorItem] as string ?? throw new InvalidOperationException("The function does not require an admin key.");
}
