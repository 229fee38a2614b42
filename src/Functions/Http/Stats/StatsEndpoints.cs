using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reminders.Core.Stats;
using Reminders.Core.Subscribers;

namespace Reminders.Functions.Http.Stats;

/// <summary><c>GET /api/stats?from=yyyy-MM-dd&amp;to=yyyy-MM-dd</c> (admin key): counters per day and per prompt, subscribers by status.</summary>
internal static class StatsEndpoints
{
    internal static async Task<Results<Ok<StatsView>, ValidationProblem>> GetAsync(
        string? from, string? to, StatsService stats, CancellationToken cancellationToken)
    {
        var errors = new FieldErrors();
        var start = ParseDate("from", from, errors);
        var end = ParseDate("to", to, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, title: "The query is not valid.");
        }

        var (first, last) = stats.ResolveRange(start, end);
        if (last < first)
        {
            return JsonBody.Invalid("to", "to must not be before from.");
        }

        if (last.DayNumber - first.DayNumber >= StatsService.MaxDays)
        {
            return JsonBody.Invalid("to", $"The range covers at most {StatsService.MaxDays} days.");
        }

        return TypedResults.Ok(StatsView.Of(await stats.ReportAsync(first, last, cancellationToken)));
    }

    private static DateOnly? ParseDate(string field, string? value, FieldErrors errors)
    {
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        errors.Add(field, $"{field} must be a date written yyyy-MM-dd.");
        return null;
    }
}
