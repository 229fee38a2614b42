using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Reminders.Functions.Standalone;

/// <summary>One <c>[HttpTrigger]</c> function as the standalone runner serves it.</summary>
/// <param name="Name">The <c>[Function]</c> name.</param>
/// <param name="Route">The attribute's route, without the host's route prefix.</param>
/// <param name="Methods">Upper-case HTTP methods from the attribute.</param>
/// <param name="Class">The function class, constructed from DI per request.</param>
/// <param name="Method">The function method.</param>
internal sealed record HttpFunction(string Name, string Route, IReadOnlyList<string> Methods, Type Class, MethodInfo Method)
{
    /// <summary>The URL path template: <c>"/" + routePrefix + "/" + Route</c>, as the host builds it.</summary>
    public string Pattern(string routePrefix) =>
        "/" + string.Join('/', new[] { routePrefix.Trim('/'), Route.Trim('/') }.Where(p => p.Length > 0));
}

/// <summary>
/// Finds every <c>[Function]</c> method with an <c>[HttpTrigger]</c> parameter in this assembly (the attributes are the
/// one definition of each route and its methods) and maps it, invoking the same method the worker invokes.
/// </summary>
internal static class HttpFunctionRoutes
{
    public static IReadOnlyList<HttpFunction> Discover()
    {
        var found = new List<HttpFunction>();
        foreach (var type in typeof(HttpFunctionRoutes).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
                if (trigger is null)
                {
                    continue;
                }

                if (method.ReturnType != typeof(Task<IResult>))
                {
                    throw new InvalidOperationException($"The HTTP function {function.Name} must return Task<IResult>.");
                }

                var methods = (trigger.Methods ?? ["get", "post", "put", "patch", "delete", "head", "options"]).Select(m => m.ToUpperInvariant()).ToList();
                found.Add(new HttpFunction(function.Name, trigger.Route ?? function.Name, methods, type, method));
            }
        }

        return [.. found.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>Maps each function at its pattern for its methods; returns what was mapped.</summary>
    public static IReadOnlyList<HttpFunction> MapHttpFunctions(this IEndpointRouteBuilder app, string routePrefix)
    {
        var functions = Discover();
        foreach (var function in functions)
        {
            var invoke = Invoker(function);
            app.MapMethods(function.Pattern(routePrefix), function.Methods, invoke).WithName(function.Name);
        }

        return functions;
    }

    /// <summary>
    /// Binds the parameters as the worker does: the <c>[HttpTrigger]</c> one gets the request, a <c>string</c> gets the
    /// route value of its name, a <see cref="CancellationToken"/> the request's abort token.
    /// </summary>
    private static RequestDelegate Invoker(HttpFunction function)
    {
        var parameters = function.Method.GetParameters();
        foreach (var parameter in parameters)
        {
            if (parameter.GetCustomAttribute<HttpTriggerAttribute>() is null && parameter.ParameterType != typeof(string) && parameter.ParameterType != typeof(CancellationToken))
            {
                throw new InvalidOperationException($"The standalone runner cannot bind parameter '{parameter.Name}' of {function.Name}.");
            }
        }

        return async http =>
        {
            var instance = ActivatorUtilities.CreateInstance(http.RequestServices, function.Class);
            var arguments = parameters.Select(p =>
                p.GetCustomAttribute<HttpTriggerAttribute>() is not null ? http.Request
                : p.ParameterType == typeof(CancellationToken) ? http.RequestAborted
                : (object?)(http.GetRouteValue(p.Name!) as string)).ToArray();
            var result = await (Task<IResult>)function.Method.Invoke(instance, arguments)!;
            await result.ExecuteAsync(http);
        };
    }
}
