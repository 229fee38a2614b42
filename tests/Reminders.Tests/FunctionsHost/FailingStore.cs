using System.Reflection;

namespace Reminders.Tests.FunctionsHost;

/// <summary>A store whose every call fails like an unreachable Table endpoint: <c>DispatchProxy.Create&lt;IStore, FailingStore&gt;()</c>.</summary>
public class FailingStore : DispatchProxy
{
    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
        throw new IOException($"The store is unreachable ({targetMethod?.Name}).");
}
