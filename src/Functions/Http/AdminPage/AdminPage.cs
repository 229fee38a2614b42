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
        var root = System.IO.Path.Combine(app.Environment.WebRootPath ?? System.IO.Path.Combine(app.Environment.ContentRootPath, "wwwroot"), "admin");
        if (!Directory.Exists(root))
        {
            throw new InvalidOperationException($"The admin page files are missing: expected {root} (src/Functions/wwwroot/admin is copied to the output).");
        }

        var files = new PhysicalFileProvider(root);
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
}
