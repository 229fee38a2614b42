using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Reminders.Core.Conversations;

/// <summary>
/// Reads an inbound text as a command. Pure: no clock, no storage. The rules, in order:
/// <list type="number">
/// <item>Twilio's <c>OptOutType</c> (STOP, START, HELP) wins: Twilio has already acted on it.</item>
/// <item>Case, surrounding spaces, punctuation and emoji are ignored: "Stop.", " stop! " and "STOP 🛑" are STOP.</item>
/// <item>The whole text is a STOP-family keyword (STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT),
/// or only such keywords, or a clear opt-out phrase ("stop texting me", "unsubscribe me", "remove me",
/// "wrong number", "please stop", "leave me alone"...): STOP. A reasonable reading of "stop" wins over any
/// other command.</item>
/// <item>The whole text (less "please", "thanks"...) is START/YES/UNSTOP/JOIN, HELP/INFO, RESUME, DONE, MORE or WHY,
/// or a household word: PETS, NO PETS, KIDS, NO KIDS, PARTNER, NO PARTNER.</item>
/// <item>ZONE &lt;zone&gt;, PAUSE [days], TIME &lt;time&gt; (see <see cref="TryParseClock"/>).</item>
/// <item>Any other text with an opt-out word in it (STOP, REVOKE, OPT OUT, UNSUBSCRIBE, CANCEL, END, QUIT, STOPALL,
/// OPTOUT, REMOVE, UNSUB, and the Spanish BAJA, PARAR, CANCELAR, ALTO, NO MAS): STOP, since the FCC counts any
/// reasonable expression of revocation, and a question ("how do I stop?") is one too. Only a clear negation of the
/// word ("don't stop", "I can't stop smiling", "never cancel") or "end" as a noun ("the end of the day") is not a
/// stop: that gets the ambiguous answer.</item>
/// <item>Any other text with a word that starts like one ("stopped", "unsubscribed"): ambiguous.</item>
/// <item>Everything else: unknown.</item>
/// </list>
/// PAUSE without a number pauses <see cref="DefaultPauseDays"/> days; numbers are clamped to
/// <see cref="MinPauseDays"/>..<see cref="MaxPauseDays"/> ("PAUSE 3", "PAUSE 3 days", "PAUSE 2 weeks", "PAUSE a week").
/// </summary>
public static partial class InboundCommandParser
{
    /// <summary>Days paused by a bare PAUSE.</summary>
    public const int DefaultPauseDays = 7;

    /// <summary>Shortest pause.</summary>
    public const int MinPauseDays = 1;

    /// <summary>Longest pause; longer requests are shortened to this (the reply states the real length).</summary>
    public const int MaxPauseDays = 30;

    private const int MaxInspectedLength = 1600;
    private const int MaxKeywordLength = 60;

    private static readonly FrozenSet<string> StopWords =
        FrozenSet.Create(StringComparer.Ordinal, "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT");

    /// <summary>Words that opt out wherever they stand in a message, unless clearly negated.</summary>
    private static readonly FrozenSet<string> OptOutWords = FrozenSet.Create(
        StringComparer.Ordinal,
        "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT", "REMOVE", "UNSUB",
        "BAJA", "PARAR", "CANCELAR", "ALTO");

    /// <summary>Words that, right before an opt-out word, turn it round: "don't stop", "can't stop".</summary>
    private static readonly FrozenSet<string> Negations = FrozenSet.Create(
        StringComparer.Ordinal,
        "DON'T", "DONT", "NOT", "NEVER", "CAN'T", "CANT", "CANNOT", "WON'T", "WONT", "DOESN'T", "DOESNT", "SHOULDN'T", "SHOULDNT",
        "WOULDN'T", "WOULDNT");

    /// <summary>Words that may stand between a negation and the opt-out word: "don't ever stop", "won't want to cancel".</summary>
    private static readonly FrozenSet<string> NegationFiller = FrozenSet.Create(
        StringComparer.Ordinal, "EVER", "WANT", "TO", "WANNA", "GONNA", "GOING", "YOU", "PLEASE", "I", "NEED", "JUST", "EVEN", "TRY");

    private static readonly FrozenSet<string> QuestionStarts = FrozenSet.Create(
        StringComparer.Ordinal, "HOW", "WHAT", "WHERE", "WHY", "CAN", "COULD", "COMO");

    private static readonly FrozenSet<string> StartPhrases = FrozenSet.Create(StringComparer.Ordinal, "START", "YES", "UNSTOP", "JOIN");
    private static readonly FrozenSet<string> HelpPhrases = FrozenSet.Create(StringComparer.Ordinal, "HELP", "INFO", "HELP ME");
    private static readonly FrozenSet<string> ResumePhrases = FrozenSet.Create(StringComparer.Ordinal, "RESUME", "UNPAUSE");
    private static readonly FrozenSet<string> DonePhrases = FrozenSet.Create(StringComparer.Ordinal, "DONE", "DID IT", "I DID IT");
    private static readonly FrozenSet<string> MorePhrases = FrozenSet.Create(StringComparer.Ordinal, "MORE", "ONE MORE", "ANOTHER", "ANOTHER ONE");
    private static readonly FrozenSet<string> WhyPhrases = FrozenSet.Create(StringComparer.Ordinal, "WHY");

    private static readonly string[][] PolitePrefixes =
    [
        ["PLEASE"], ["PLS"], ["PLZ"], ["KINDLY"], ["JUST"], ["OK"], ["OKAY"], ["HEY"], ["HI"], ["HELLO"],
        ["I", "WANT", "TO"], ["I", "WOULD", "LIKE", "TO"], ["I'D", "LIKE", "TO"], ["ID", "LIKE", "TO"], ["I", "NEED", "TO"],
        ["I", "WANNA"], ["CAN", "YOU"], ["COULD", "YOU"], ["CAN", "I"],
    ];

    private static readonly string[][] PoliteSuffixes =
    [
        ["PLEASE"], ["PLS"], ["PLZ"], ["THANKS"], ["THANK", "YOU"], ["THX"], ["TY"], ["NOW"], ["ASAP"], ["ANYMORE"],
        ["ANY", "MORE"], ["AGAIN"],
    ];

    private static readonly FrozenDictionary<string, int> NumberWords = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["A"] = 1, ["AN"] = 1, ["ONE"] = 1, ["TWO"] = 2, ["THREE"] = 3, ["FOUR"] = 4, ["FIVE"] = 5, ["SIX"] = 6,
        ["SEVEN"] = 7, ["EIGHT"] = 8, ["NINE"] = 9, ["TEN"] = 10,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly FrozenSet<string> PauseFiller = FrozenSet.Create(StringComparer.Ordinal, "IT", "ME", "THEM", "THIS", "TEXTS", "MESSAGES", "FOR");

    /// <summary>Reads <paramref name="body"/>; <paramref name="optOutType"/> is Twilio's <c>OptOutType</c> field, if any.</summary>
    public static InboundCommand Parse(string? body, string? optOutType)
    {
        var text = Clean(body);
        var words = Words(text);
        var phrase = string.Join(' ', words);
        var keyword = phrase.Length <= MaxKeywordLength ? phrase : phrase[..MaxKeywordLength];

        if (FromOptOutType(optOutType, keyword) is { } handled)
        {
            return handled;
        }

        if (words.Count == 0)
        {
            return new UnknownCommand(string.Empty);
        }

        if (words.TrueForAll(StopWords.Contains))
        {
            return new StopCommand(keyword);
        }

        var core = string.Join(' ', StripPoliteness(words));
        if (IsClearStop(core))
        {
            return new StopCommand(keyword);
        }

        InboundCommand? command = core switch
        {
            _ when ParseHousehold(core, keyword) is { } household => household,
            _ when StartPhrases.Contains(core) => new StartCommand(keyword),
            _ when HelpPhrases.Contains(core) => new HelpCommand(keyword),
            _ when ResumePhrases.Contains(core) => new ResumeCommand(keyword),
            _ when DonePhrases.Contains(core) => new DoneCommand(keyword),
            _ when MorePhrases.Contains(core) => new MoreCommand(keyword),
            _ when WhyPhrases.Contains(core) => new WhyCommand(keyword),
            _ => (InboundCommand?)ParseZone(text, keyword) ?? (InboundCommand?)ParsePause(core, keyword) ?? ParseTime(text, keyword),
        };
        var mentionsStop = words.Exists(IsStopLike) || HasOptOutWord(words) || phrase.Contains("OPT OUT", StringComparison.Ordinal);
        if (command is not null && !(mentionsStop && command is TimeCommand { At: null } or ZoneCommand { TimeZoneId: null }))
        {
            return command;
        }

        if (IsOptOutSentence(text, words))
        {
            return new StopCommand(keyword);
        }

        return mentionsStop ? new AmbiguousStopCommand(keyword) : new UnknownCommand(keyword);
    }

    /// <summary>
    /// Whether a sentence revokes consent: it has an opt-out word (or "opt out", "no mas") that is not clearly negated
    /// and is not "end" as a noun. A question about stopping is a stop too.
    /// </summary>
    private static bool IsOptOutSentence(string text, List<string> words)
    {
        var question = text.TrimEnd().EndsWith('?') || QuestionStarts.Contains(words[0]);
        for (var i = 0; i < words.Count; i++)
        {
            var optOut = OptOutWords.Contains(words[i])
                || (words[i] == "OPT" && i + 1 < words.Count && words[i + 1] == "OUT")
                || (words[i] == "NO" && i + 1 < words.Count && words[i + 1] == "MAS");
            if (!optOut || IsEndAsNoun(words, i))
            {
                continue;
            }

            if (question || !IsNegated(words, i))
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasOptOutWord(List<string> words) =>
        words.Exists(OptOutWords.Contains) || Adjacent(words, "NO", "MAS");

    private static bool Adjacent(List<string> words, string first, string second)
    {
        for (var i = 0; i + 1 < words.Count; i++)
        {
            if (words[i] == first && words[i + 1] == second)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"The end", "end of", "in the end": a noun, not a request.</summary>
    private static bool IsEndAsNoun(List<string> words, int at) =>
        words[at] == "END" && words.Count > 1
        && ((at > 0 && words[at - 1] is "THE" or "AN" or "AND" or "WEEK" or "DEAD" or "HAPPY")
            || (at + 1 < words.Count && words[at + 1] is "OF" or "UP" or "UPS" or "RESULT"));

    /// <summary>A negation right before the word, perhaps with "ever", "want to"... between: "don't ever stop".</summary>
    private static bool IsNegated(List<string> words, int at)
    {
        for (var i = at - 1; i >= 0 && at - i <= 4; i--)
        {
            if (Negations.Contains(words[i]))
            {
                return true;
            }

            if (!NegationFiller.Contains(words[i]))
            {
                return false;
            }
        }

        return false;
    }

    private static HouseholdCommand? ParseHousehold(string core, string keyword)
    {
        var words = core.Split(' ');
        var has = true;
        var at = 0;
        if (words[0] is "NO" or "NOT")
        {
            has = false;
            at = 1;
        }
        else if (words[0] == "NOPETS")
        {
            return new HouseholdCommand(keyword, Subscribers.Household.Pets, false);
        }

        if (words.Length != at + 1)
        {
            return null;
        }

        Subscribers.Household? who = words[at] switch
        {
            "PET" or "PETS" => Subscribers.Household.Pets,
            "KID" or "KIDS" or "CHILD" or "CHILDREN" => Subscribers.Household.Children,
            "PARTNER" => Subscribers.Household.Partner,
            _ => null,
        };
        return who is { } flag ? new HouseholdCommand(keyword, flag, has) : null;
    }

    /// <summary>
    /// Reads a clock time: <c>7:30</c>, <c>07:30</c>, <c>19:30</c>, <c>7.30</c>, <c>19h30</c>, <c>0730</c>,
    /// <c>730</c>, <c>7</c> (24-hour without am/pm), and <c>7:30pm</c>, <c>7:30 pm</c>, <c>7:30 p.m.</c>, <c>7pm</c>,
    /// <c>7 PM</c>, <c>7p</c>, <c>12am</c> (midnight), <c>12pm</c> (noon), and the words <c>noon</c> and <c>midnight</c>.
    /// </summary>
    public static bool TryParseClock(string? text, out TimeOnly time)
    {
        time = default;
        var trimmed = (text ?? string.Empty).Trim().TrimEnd('.', '!', '?', ',', ';').Trim();
        if (trimmed.Equals("NOON", StringComparison.OrdinalIgnoreCase))
        {
            time = new TimeOnly(12, 0);
            return true;
        }

        if (trimmed.Equals("MIDNIGHT", StringComparison.OrdinalIgnoreCase))
        {
            time = new TimeOnly(0, 0);
            return true;
        }

        var match = ClockPattern().Match(trimmed);
        if (!match.Success)
        {
            return false;
        }

        var compact = match.Groups["hm"].Value;
        var hour = int.Parse(compact.Length > 0 ? compact[..^2] : match.Groups["h"].Value, CultureInfo.InvariantCulture);
        var minute = compact.Length > 0 ? int.Parse(compact[^2..], CultureInfo.InvariantCulture)
            : match.Groups["m"].Success ? int.Parse(match.Groups["m"].Value, CultureInfo.InvariantCulture)
            : 0;
        if (minute > 59)
        {
            return false;
        }

        if (match.Groups["ap"].Success)
        {
            if (hour is < 1 or > 12)
            {
                return false;
            }

            var pm = char.ToUpperInvariant(match.Groups["ap"].Value[0]) == 'P';
            hour = (hour % 12) + (pm ? 12 : 0);
        }
        else if (hour > 23)
        {
            return false;
        }

        time = new TimeOnly(hour, minute);
        return true;
    }

    private static InboundCommand? FromOptOutType(string? optOutType, string keyword)
    {
        var type = optOutType?.Trim().ToUpperInvariant();
        var word = keyword.Length > 0 ? keyword : type ?? string.Empty;
        InboundCommand? command = type switch
        {
            "STOP" => new StopCommand(word),
            "START" => new StartCommand(word),
            "HELP" => new HelpCommand(word),
            _ => null,
        };
        return command is null ? null : command with { HandledByTwilio = true };
    }

    private static PauseCommand? ParsePause(string core, string keyword)
    {
        var words = core.Split(' ');
        if (words[0] != "PAUSE")
        {
            return null;
        }

        var rest = words.Skip(1).SkipWhile(PauseFiller.Contains).ToList();
        if (rest.Count == 0)
        {
            return new PauseCommand(keyword, DefaultPauseDays);
        }

        var days = PauseLength(rest);
        return days is null ? null : new PauseCommand(keyword, (int)Math.Clamp(days.Value, MinPauseDays, MaxPauseDays));
    }

    private static long? PauseLength(List<string> words)
    {
        if (words.Count > 2)
        {
            return null;
        }

        var match = PauseAmountPattern().Match(words[0]);
        long amount;
        string unit;
        if (match.Success)
        {
            amount = long.Parse(match.Groups["n"].Value, CultureInfo.InvariantCulture);
            unit = match.Groups["unit"].Value;
        }
        else if (NumberWords.TryGetValue(words[0], out var spelled))
        {
            amount = spelled;
            unit = string.Empty;
        }
        else
        {
            return null;
        }

        if (words.Count == 2)
        {
            if (unit.Length > 0)
            {
                return null;
            }

            unit = words[1];
        }

        return unit switch
        {
            "" or "D" or "DAY" or "DAYS" => amount,
            "W" or "WK" or "WKS" or "WEEK" or "WEEKS" => amount * 7,
            "MONTH" or "MONTHS" => amount * 30,
            _ => null,
        };
    }

    private static TimeCommand? ParseTime(string text, string keyword)
    {
        var match = TimeCommandPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var rest = ClockNoise().Replace(match.Groups["rest"].Value, " ");
        return new TimeCommand(keyword, TryParseClock(rest, out var at) ? at : null);
    }

    private static ZoneCommand? ParseZone(string text, string keyword)
    {
        var match = ZoneCommandPattern().Match(text);
        return match.Success ? new ZoneCommand(keyword, TimeZoneNames.Resolve(match.Groups["rest"].Value)) : null;
    }

    private static bool IsClearStop(string core) =>
        ClearStopPattern().IsMatch(core) || ClearStopOtherPattern().IsMatch(core);

    private static bool IsStopLike(string word) =>
        StopWords.Contains(word) || word.StartsWith("STOP", StringComparison.Ordinal) || word.StartsWith("UNSUBSCRIB", StringComparison.Ordinal);

    private static List<string> StripPoliteness(List<string> words)
    {
        var start = 0;
        var end = words.Count;
        var changed = true;
        while (changed)
        {
            changed = false;
            foreach (var prefix in PolitePrefixes)
            {
                if (end - start > prefix.Length && Matches(words, start, prefix))
                {
                    start += prefix.Length;
                    changed = true;
                }
            }

            foreach (var suffix in PoliteSuffixes)
            {
                if (end - start > suffix.Length && Matches(words, end - suffix.Length, suffix))
                {
                    end -= suffix.Length;
                    changed = true;
                }
            }
        }

        return words.GetRange(start, end - start);
    }

    private static bool Matches(List<string> words, int at, string[] sequence)
    {
        for (var i = 0; i < sequence.Length; i++)
        {
            if (words[at + i] != sequence[i])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Trims, caps the length and folds typographic quotes and odd spaces to plain ones.</summary>
    private static string Clean(string? body)
    {
        if (string.IsNullOrEmpty(body))
        {
            return string.Empty;
        }

        var text = new StringBuilder(Math.Min(body.Length, MaxInspectedLength));
        foreach (var c in body.AsSpan(0, Math.Min(body.Length, MaxInspectedLength)))
        {
            text.Append(c switch
            {
                '\u2018' or '\u2019' or '\u02BC' or '`' or '\u00B4' => '\'',
                '\u201C' or '\u201D' => '"',
                _ when char.IsWhiteSpace(c) => ' ',
                _ => c,
            });
        }

        return text.ToString().Trim();
    }

    /// <summary>Upper-case words of letters, digits and inner apostrophes; a lone <c>#</c> is a word too ("wrong #").</summary>
    private static List<string> Words(string text)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c) || c == '\'')
            {
                word.Append(char.ToUpperInvariant(c));
                continue;
            }

            Flush(words, word);
            if (c == '#')
            {
                words.Add("#");
            }
        }

        Flush(words, word);
        return words;
    }

    private static void Flush(List<string> words, StringBuilder word)
    {
        var token = FoldAccents(word.ToString()).Trim('\'');
        word.Clear();
        if (token.Length > 0)
        {
            words.Add(token);
        }
    }

    /// <summary>Drops accents, so "MÁS" reads as "MAS" and "CÓMO" as "COMO".</summary>
    private static string FoldAccents(string word)
    {
        if (word.All(char.IsAscii))
        {
            return word;
        }

        var folded = new StringBuilder(word.Length);
        foreach (var c in word.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                folded.Append(c);
            }
        }

        return folded.ToString().Normalize(NormalizationForm.FormC);
    }

    [GeneratedRegex(
        @"^(?:STOP|STOPALL|UNSUBSCRIBE|CANCEL|END|QUIT|REVOKE|OPTOUT|OPT OUT)"
        + @"(?: (?:ALL|IT|THIS|THAT|THESE|EVERYTHING|ME|US"
        + @"|(?:MY |THE |THIS )?(?:SUBSCRIPTION|SERVICE)"
        + @"|(?:ALL |THE |THESE |THOSE |YOUR |THIS )?(?:TEXTS?|MESSAGES?|MSGS?|SMS|NOTIFICATIONS|REMINDERS|NUDGES)(?: TO ME)?"
        + @"|(?:SENDING|TEXTING|MESSAGING|CONTACTING|CALLING|SPAMMING)(?: ME| US)?(?: (?:ALL |THE |THESE |THOSE )?(?:TEXTS|MESSAGES|MSGS|THIS|THESE|THOSE))?))?"
        + @"(?: FROM (?:THIS|THESE|THE LIST|THIS LIST|YOUR LIST|ALL|IT))?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ClearStopPattern();

    [GeneratedRegex(
        @"^(?:OPT ME OUT"
        + @"|(?:REMOVE|DELETE|UNSUBSCRIBE) (?:ME|MY NUMBER|THIS NUMBER)(?: (?:OFF|FROM)(?: OF)?(?: (?:THIS|THE|YOUR|UR|ALL))?(?: (?:LIST|TEXT LIST|TEXTS|MESSAGES|MAILING LIST|SUBSCRIPTION|SERVICE|PROGRAM))?)?"
        + @"|TAKE (?:ME|MY NUMBER|THIS NUMBER) OFF(?: OF)?(?: (?:THIS|THE|YOUR|UR|ALL))?(?: (?:LIST|TEXT LIST|TEXTS|MESSAGES|MAILING LIST))?"
        + @"|(?:(?:YOU HAVE|YOU'VE|YOUVE|YOU GOT|U HAVE|THIS IS|IT'S|ITS) )?(?:THE |A )?WRONG (?:NUMBER|NUM|NO|#|PERSON)"
        + @"|LEAVE ME ALONE"
        + @"|NO MORE(?: (?:TEXTS|MESSAGES|MSGS|SMS))?"
        + @"|(?:DON'T|DONT|DO NOT|NEVER) (?:TEXT|MESSAGE|CONTACT|SMS|SEND|CALL) (?:ME|THIS NUMBER|MY NUMBER|TO ME)(?: (?:ANYTHING|TEXTS|MESSAGES))?"
        + @"|(?:I )?(?:DON'T|DONT|DO NOT) WANT (?:THESE|THIS|THE|ANY|YOUR)(?: MORE)? (?:TEXTS|MESSAGES|MSGS)"
        + @"|(?:(?:I'M|IM|I AM) )?NOT INTERESTED)$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ClearStopOtherPattern();

    [GeneratedRegex(@"[^0-9A-Za-z:. ]", RegexOptions.CultureInvariant)]
    private static partial Regex ClockNoise();

    [GeneratedRegex(@"^(?<n>\d{1,6})(?<unit>D|DAYS?|W|WKS?|WEEKS?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex PauseAmountPattern();

    [GeneratedRegex(
        @"^(?:PLEASE\s+)?(?:(?:CHANGE|SET|MOVE)\s+(?:MY\s+|THE\s+)?)?TIME\b\s*(?:(?:TO|AT|IS)\s+|[:=\-]\s*)?(?<rest>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex TimeCommandPattern();

    [GeneratedRegex(
        @"^(?:PLEASE\s+)?(?:(?:CHANGE|SET)\s+(?:MY\s+|THE\s+)?)?(?:ZONE|TIMEZONE|TIME\s+ZONE|TZ)\b\s*(?:(?:TO|IS)\s+|[:=\-]\s*)?(?<rest>.*)$",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex ZoneCommandPattern();

    [GeneratedRegex(
        @"^(?:(?<h>\d{1,2})(?:\s*[:.hH]\s*(?<m>\d{2}))?|(?<hm>\d{3,4}))(?:\s*(?<ap>[AaPp])\.?\s*(?:[Mm]\.?)?)?$",
        RegexOptions.CultureInvariant)]
    private static partial Regex ClockPattern();
}
