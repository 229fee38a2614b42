using System.ComponentModel.DataAnnotations;

namespace Reminders.Core;

/// <summary>How the service names itself in texts. Section <c>Program</c>.</summary>
public sealed class ProgramOptions
{
    public const string SectionName = "Program";

    /// <summary>Brand and program name used in confirmation and HELP texts. Default <c>Reminders</c>.</summary>
    [Required, StringLength(30, MinimumLength = 2)]
    public string Name { get; set; } = "Reminders";
}
