using Microsoft.Extensions.FileProviders;

namespace Reminders.Functions.Http.AdminPage;

/// <summary>
/// Serves the admin page (<c>wwwroot/admin/</c>: plain HTML, CSS and JavaScript, no build step) at <c>/admin/</c>.
/// The files are public; every API call the page makes carries the admin key the user types in. Nothing else under
/// <c>wwwroot</c> is served, and the page may load nothing but its own files (Content-Security-Policy).
/// </summary>
internal static class AdminPage
{
    public const string Path = "/admin";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    public static WebApplication UseAdminPage(this WebApplication app)
    {
        var files = new PhysicalFileProvider(FindFiles(app.Environment));
        app.UseDefaultFiles(new DefaultFilesOptions { RequestPath = Path, FileProvider = files, DefaultFileNames = ["index.html"] });
        app.UseStaticFiles(new StaticFileOptions
        {
            RequestPath = Path,
            FileProvider = files,
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XContentTypeOptions = "nosniff";
                headers.XFrameOptions = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers.CacheControl = "no-cache";
            },
        });
        return app;
    }

    /// <summary>
    /// <c>wwwroot/admin</c> under the content root (<c>dotnet run</c>, the Functions host's working directory), else
    /// beside the app's assembly (the build output or publish folder, started from another directory).
    /// </summary>
    private static string FindFiles(IWebHostEnvironment environment)
    {
        string[] candidates =
        [
            System.IO.Path.Combine(environment.WebRootPath ?? System.IO.Path.Combine(environment.ContentRootPath, "wwwroot"), "admin"),
            System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "admin"),
        ];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException(
                $"The admin page files are missing: looked in {string.Join(" and ", candidates)} (src/Functions/wwwroot/admin is copied to the build output and publish folder).");
    }
}
