using System.ComponentModel.DataAnnotations;

namespace Reminders.Core;

/// <summary>How the service names itself in texts. Section <c>Program</c>.</summary>
public sealed class ProgramOptions
{
    public const string SectionName = "Program";

    /// <summary>The longest <see cref="Name"/>: every system text and every nudge is budgeted for it.</summary>
    public const int MaxNameLength = 20;

    /// <summary>The longest <see cref="SupportContact"/>: HELP is budgeted for it.</summary>
    public const int MaxSupportContactLength = 30;

    /// <summary>Brand and program name that starts every text. Default <c>Reminders</c>; at most 20 characters.</summary>
    [Required, StringLength(MaxNameLength, MinimumLength = 2)]
    public string Name { get; set; } = "Reminders";

    /// <summary>
    /// Where a subscriber gets help: an email, a URL or a phone number, named in HELP. Carriers reject a campaign whose
    /// HELP has none, so it is required when Twilio is configured. At most 30 characters.
    /// </summary>
    [StringLength(MaxSupportContactLength)]
    public string? SupportContact { get; set; }
}
