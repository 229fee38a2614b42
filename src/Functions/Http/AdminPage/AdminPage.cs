using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace Reminders.Functions.Http.AdminPage;

/// <summary>
/// Serves the admin page (<c>wwwroot/admin/</c>: plain HTML, CSS and JavaScript, no build step) at <c>/manage/</c> in
/// both modes: the Functions host reserves every route that starts with <c>admin</c> for its own API.
/// The files are public; every API call the page makes carries the admin key the user types in. Nothing else under
/// <c>wwwroot</c> is served, and the page may load nothing but its own files (Content-Security-Policy).
/// </summary>
internal sealed class AdminPage(IHostEnvironment environment)
{
    /// <summary>Where people open the page.</summary>
    public const string Path = "/manage";

    private const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
        + "base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    private readonly Lazy<PhysicalFileProvider> _files = new(() => new PhysicalFileProvider(FindFiles(environment)));

    public IResult Serve(HttpContext http, string? file)
    {
        ArgumentNullException.ThrowIfNull(http);
        if (string.IsNullOrEmpty(file) && !(http.Request.Path.Value ?? string.Empty).EndsWith('/'))
        {
            // The page's files are relative to the folder, so the folder URL must end with a slash.
            return TypedResults.Redirect(Path + "/");
        }

        var name = string.IsNullOrEmpty(file) ? "index.html" : file;
        var info = _files.Value.GetFileInfo(name);
        if (!info.Exists || info.IsDirectory || info.PhysicalPath is null || !ContentTypes.TryGetContentType(name, out var contentType))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: "The admin page has no such file.");
        }

        var headers = http.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.CacheControl = "no-cache";
        return TypedResults.PhysicalFile(info.PhysicalPath, contentType, lastModified: info.LastModified);
    }

    /// <summary>
    /// <c>wwwroot/admin</c> under the content root (<c>dotnet run</c>, the Functions host's working directory), else
    /// beside the app's assembly (the build output or publish folder, started from another directory).
    /// </summary>
    private static string FindFiles(IHostEnvironment environment)
    {
        string[] candidates =
        [
            System.IO.Path.Combine(environment.ContentRootPath, "wwwroot", "admin"),
            System.IO.Path.Combine(AppContext.BaseDirectory, "wwwroot", "admin"),
        ];
        return candidates.FirstOrDefault(Directory.Exists)
            ?? throw new InvalidOperationException(
                $"The admin page files are missing: looked in {string.Join(" and ", candidates)} (src/Functions/wwwroot/admin is copied to the build output and publish folder).");
    }
}
