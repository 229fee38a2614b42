using System.Globalization;

namespace Reminders.Bench.Load;

/// <summary>Distinct valid North American numbers (+1 212 NXX XXXX, exchange 200 and up) for subscriber indexes.</summary>
internal static class Phones
{
    public static string Number(int index) =>
        string.Create(CultureInfo.InvariantCulture, $"+1212{200 + (index / 10_000):D3}{index % 10_000:D4}");
}
