using System.Reflection;
using System.Text.Json;
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
        // Function classes are top-level. Skipping nested types (closures, state machines) and asking IsDefined before
        // building an attribute saves most of this walk's time, which is spent before the first answer.
        foreach (var type in typeof(HttpFunctionRoutes).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsNested: false }))
        {
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (!method.IsDefined(typeof(FunctionAttribute), inherit: false) || method.GetCustomAttribute<FunctionAttribute>() is not { } function)
                {
                    continue;
                }

                var trigger = method.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).FirstOrDefault(a => a is not null);
                if (trigger is null)
                {
                    continue;
                }

                if (method.ReturnType != typeof(Task<IResult>) && HttpResultProperty(method.ReturnType) is null)
                {
                    throw new InvalidOperationException(
                        $"The HTTP function {function.Name} must return Task<IResult>, or a Task of a type with one [HttpResult] IResult property.");
                }

                var methods = (trigger.Methods ?? ["get", "post", "put", "patch", "delete", "head", "options"]).Select(m => m.ToUpperInvariant()).ToList();
                found.Add(new HttpFunction(function.Name, trigger.Route ?? function.Name, methods, type, method));
            }
        }

        return [.. found.OrderBy(f => f.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Maps each function at its pattern for its methods; returns what was mapped. Every <c>[QueueOutput]</c> of a
    /// multi-output function must have its in-process queue registered (as an <see cref="InProcessQueue"/>).
    /// </summary>
    public static IReadOnlyList<HttpFunction> MapHttpFunctions(this IEndpointRouteBuilder app, string routePrefix)
    {
        var functions = Discover();
        var queues = app.ServiceProvider.GetServices<InProcessQueue>().ToDictionary(q => q.Name, StringComparer.Ordinal);
        foreach (var function in functions)
        {
            var invoke = Invoker(function, queues);
            app.MapMethods(function.Pattern(routePrefix), function.Methods, invoke).WithName(function.Name);
        }

        return functions;
    }

    /// <summary>The <c>[HttpResult]</c> property of a multi-output return type <c>Task&lt;T&gt;</c>, or null.</summary>
    internal static PropertyInfo? HttpResultProperty(Type returnType) =>
        returnType.IsGenericType && returnType.GetGenericTypeDefinition() == typeof(Task<>)
            ? returnType.GetGenericArguments()[0].GetProperties()
                .SingleOrDefault(p => p.GetCustomAttribute<HttpResultAttribute>() is not null && p.PropertyType == typeof(IResult))
            : null;

    /// <summary>
    /// Binds the parameters as the worker does: the <c>[HttpTrigger]</c> one gets the request, a <c>string</c> gets the
    /// route value of its name, a <see cref="CancellationToken"/> the request's abort token. A multi-output result is
    /// written as the host writes it: each non-null <c>[QueueOutput]</c> property goes on its queue as JSON (the
    /// worker's serializer options), then the <c>[HttpResult]</c> answers the request.
    /// </summary>
    private static RequestDelegate Invoker(HttpFunction function, IReadOnlyDictionary<string, InProcessQueue> queues)
    {
        // Worked out once per function here, not per request: how each parameter is bound, and the task's Result.
        var binders = Array.ConvertAll(function.Method.GetParameters(), p => Binder(function, p));
        var taskResult = function.Method.ReturnType.GetProperty(nameof(Task<object>.Result))!;
        var httpResult = HttpResultProperty(function.Method.ReturnType);
        var outputs = httpResult is null ? [] : QueueOutputs(function, function.Method.ReturnType.GetGenericArguments()[0], queues);
        return async http =>
        {
            var instance = ActivatorUtilities.CreateInstance(http.RequestServices, function.Class);
            var arguments = Array.ConvertAll(binders, bind => bind(http));
            var task = (Task)function.Method.Invoke(instance, arguments)!;
            await task;
            var value = taskResult.GetValue(task);
            if (httpResult is null)
            {
                await ((IResult)value!).ExecuteAsync(http);
                return;
            }

            foreach (var (property, queue) in outputs)
            {
                if (property.GetValue(value) is { } message)
                {
                    await queue.EnqueueAsync(JsonSerializer.Serialize(message, property.PropertyType, Functions.BatchMessages.Options), CancellationToken.None);
                }
            }

            await ((IResult)httpResult.GetValue(value)!).ExecuteAsync(http);
        };
    }

    /// <summary>How <paramref name="parameter"/> gets its value from a request; throws for a kind the runner cannot bind.</summary>
    private static Func<HttpContext, object?> Binder(HttpFunction function, ParameterInfo parameter) =>
        parameter.IsDefined(typeof(HttpTriggerAttribute), inherit: false) ? http => http.Request
        : parameter.ParameterType == typeof(CancellationToken) ? http => http.RequestAborted
        : parameter.ParameterType == typeof(string) ? http => http.GetRouteValue(parameter.Name!) as string
        : throw new InvalidOperationException($"The standalone runner cannot bind parameter '{parameter.Name}' of {function.Name}.");

    private static List<(PropertyInfo Property, InProcessQueue Queue)> QueueOutputs(
        HttpFunction function, Type outputType, IReadOnlyDictionary<string, InProcessQueue> queues)
    {
        var outputs = new List<(PropertyInfo, InProcessQueue)>();
        foreach (var property in outputType.GetProperties())
        {
            if (property.GetCustomAttribute<QueueOutputAttribute>() is not { } output)
            {
                continue;
            }

            if (!queues.TryGetValue(output.QueueName, out var queue))
            {
                throw new InvalidOperationException($"The HTTP function {function.Name} writes to queue '{output.QueueName}', which the standalone runner does not have.");
            }

            outputs.Add((property, queue));
        }

        return outputs;
    }
}
