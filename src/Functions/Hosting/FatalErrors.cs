using System.Reflection;
using Microsoft.Extensions.Options;

namespace Reminders.Functions.Hosting;

/// <summary>
/// Turns an unhandled exception into one clear line on stderr and exit code 1, instead of the runtime's abort
/// (exit code 134 and a stack trace first). Under the Functions host each stderr line is logged as an error, so a
/// start-up mistake such as a missing <c>Admin:ApiKeys</c> reads as exactly that. Configuration errors print the
/// message only; anything else also prints the exception, since it is a bug.
/// </summary>
internal static class FatalErrors
{
    public const int ExitCode = 1;

    public static void ExitWithOneClearLine()
    {
        // Only when this app is the process: under WebApplicationFactory the exception must reach the test.
        if (Assembly.GetEntryAssembly() != typeof(FatalErrors).Assembly)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var exception = e.ExceptionObject as Exception;
            Console.Error.WriteLine($"Reminders cannot run: {exception?.Message ?? e.ExceptionObject.ToString()}");
            if (exception is not (InvalidOperationException or OptionsValidationException or IOException))
            {
                Console.Error.WriteLine(exception);
            }

            Environment.Exit(ExitCode);
        };
    }
}
