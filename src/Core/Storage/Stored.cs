namespace Reminders.Core.Storage;

/// <summary>A stored value with the opaque version tag the store uses for optimistic concurrency.</summary>
public sealed record Stored<T>(T Value, string ETag);

/// <summary>One page of a listing; <see cref="ContinuationToken"/> is null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? ContinuationToken);
