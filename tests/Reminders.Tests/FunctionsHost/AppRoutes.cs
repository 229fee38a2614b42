using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.AspNetCore.Routing.Template;
using Microsoft.Extensions.DependencyInjection;
using Reminders.Functions.Hosting;
using Reminders.Functions.Triggers;
using Reminders.Tests.Functions;

namespace Reminders.Tests.FunctionsHost;

/// <summary>One endpoint the real app serves, with a concrete path that reaches it.</summary>
internal sealed record AppRoute(string Pattern, string SamplePath, IReadOnlyList<string> Methods, bool HostOnly)
{
    public override string ToString() => $"{(Methods.Count == 0 ? "*" : string.Join('|', Methods))} {Pattern}";
}

/// <summary>Reads the route table of the real app in custom-handler mode, and matches paths the way the host does.</summary>
internal static class AppRoutes
{
    private static readonly DateTimeOffset Start = new(2026, 6, 10, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Every route endpoint of the app as the Functions host would run it (trigger endpoints included).</summary>
    public static IReadOnlyList<AppRoute> InCustomHandlerMode()
    {
        using var app = new RemindersAppFactory(Start, InHandlerMode);
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        return [.. endpoints.Select(e => new AppRoute(
            e.RoutePattern.RawText ?? "/",
            SamplePath(e.RoutePattern),
            e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.Select(m => m.ToUpperInvariant()).ToList() ?? [],
            e.Metadata.GetMetadata<FunctionsHostEndpoint>() is not null))];
    }

    /// <summary>Makes a <see cref="RemindersAppFactory"/> run in custom-handler mode (the port is not opened under TestServer).</summary>
    public static void InHandlerMode(IWebHostBuilder builder) => builder.UseSetting(HostingModeExtensions.PortVariable, "7071");

    /// <summary>
    /// True when the host's router would send <paramref name="path"/> to a function with this route template: the
    /// host builds ASP.NET Core <c>Route</c>s (a <see cref="TemplateMatcher"/>) from <c>routePrefix</c> + <c>route</c>.
    /// </summary>
    public static bool HostRouteMatches(string routeTemplate, string path)
    {
        var template = TemplateParser.Parse(routeTemplate);
        var defaults = new RouteValueDictionary(template.Parameters.Where(p => p.DefaultValue is not null).ToDictionary(p => p.Name!, p => p.DefaultValue));
        return new TemplateMatcher(template, defaults).TryMatch(new PathString(path), new RouteValueDictionary());
    }

    /// <summary>A concrete path for the pattern: literals as they are, a value for each parameter.</summary>
    private static string SamplePath(RoutePattern pattern)
    {
        var segments = pattern.PathSegments.Select(segment => string.Concat(segment.Parts.Select(part => part switch
        {
            RoutePatternLiteralPart literal => literal.Content,
            RoutePatternSeparatorPart separator => separator.Content,
            RoutePatternParameterPart { IsCatchAll: true } => "a/b",
            RoutePatternParameterPart parameter => SampleValue(parameter),
            _ => throw new InvalidOperationException($"Unknown route part in '{pattern.RawText}'."),
        })));
        return "/" + string.Join('/', segments);
    }

    private static string SampleValue(RoutePatternParameterPart parameter)
    {
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? string.Empty).ToList();
        return constraints.Any(c => c.StartsWith("guid", StringComparison.OrdinalIgnoreCase)) ? Guid.Empty.ToString()
            : constraints.Any(c => c is "int" or "long" or "decimal" or "double" or "float" || c.StartsWith("min", StringComparison.Ordinal) || c.StartsWith("range", StringComparison.Ordinal)) ? "1"
            : constraints.Any(c => c == "bool") ? "true"
            : "sample";
    }
}
