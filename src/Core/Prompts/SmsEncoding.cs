namespace Reminders.Core.Prompts;

/// <summary>The encoding an SMS body travels in.</summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 7-bit alphabet: 160 characters in one segment, 153 per segment when split.</summary>
    Gsm7,

    /// <summary>UTF-16 code units: 70 in one segment, 67 per segment when split.</summary>
    Ucs2,
}
