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

    /// <summary>Whether this app is the process (under WebApplicationFactory exceptions must reach the test).</summary>
    private static bool IsProcess => Assembly.GetEntryAssembly() == typeof(FatalErrors).Assembly;

    public static void ExitWithOneClearLine()
    {
        if (!IsProcess)
        {
            return;
        }

        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            Write(e.ExceptionObject as Exception, e.ExceptionObject);
            Environment.Exit(ExitCode);
        };
    }

    /// <summary>The same clear line for a fatal error caught on a background start-up path that then stops the app.</summary>
    public static void Report(Exception exception)
    {
        if (IsProcess)
        {
            Write(exception, exception);
        }
    }

    private static void Write(Exception? exception, object thrown)
    {
        Console.Error.WriteLine($"Reminders cannot run: {exception?.Message ?? thrown.ToString()}");
        if (exception is not (InvalidOperationException or OptionsValidationException or IOException))
        {
            Console.Error.WriteLine(exception);
        }
    }
}
