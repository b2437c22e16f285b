using System.Globalization;

namespace Quickstep.Schedules;

/// <summary>Reads <c>rate()</c>, <c>cron()</c> and <c>at()</c>; each method returns null or the reason the text is invalid.</summary>
internal static class ScheduleExpressionParser
{
    private static readonly string[] MonthNames = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] DayNames = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    public static string? TryParse(string text, ScheduleExpressionDialect dialect, out ScheduleExpression? expression)
    {
        expression = null;
        if (text.StartsWith("rate(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return ParseRate(text, text[5..^1], dialect, out expression);
        }

        if (text.StartsWith("cron(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return ParseCron(text, text[5..^1], out expression);
        }

        if (dialect == ScheduleExpressionDialect.Scheduler && text.StartsWith("at(", StringComparison.Ordinal) && text.EndsWith(')'))
        {
            return ParseAt(text, text[3..^1], out expression);
        }

        return "not rate(…), cron(…) or at(…)";
    }

    private static string? ParseRate(string text, string body, ScheduleExpressionDialect dialect, out ScheduleExpression? expression)
    {
        expression = null;
        var space = body.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || body.IndexOf(' ', space + 1) >= 0)
        {
            return "rate needs 'value unit'";
        }

        var digits = body[..space];
        if (!digits.All(char.IsAsciiDigit) || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value) || value <= 0)
        {
            return "rate value must be a positive integer";
        }

        var unitText = body[(space + 1)..];
        RateUnit unit;
        bool plural;
        switch (unitText)
        {
            case "minute": unit = RateUnit.Minutes; plural = false; break;
            case "minutes": unit = RateUnit.Minutes; plural = true; break;
            case "hour": unit = RateUnit.Hours; plural = false; break;
            case "hours": unit = RateUnit.Hours; plural = true; break;
            case "day": unit = RateUnit.Days; plural = false; break;
            case "days": unit = RateUnit.Days; plural = true; break;
            default: return "rate unit must be minute(s), hour(s) or day(s)";
        }

        // EventBridge rules: "If the value is equal to 1, then the unit must be singular"; larger values take the plural.
        if (dialect == ScheduleExpressionDialect.EventBridgeRule && plural != (value != 1))
        {
            return value == 1 ? "rate(1 …) needs a singular unit" : "a rate above 1 needs a plural unit";
        }

        if (TimeSpan.FromDays(365 * 100) < unit switch
        {
            RateUnit.Minutes => TimeSpan.FromMinutes(value),
            RateUnit.Hours => TimeSpan.FromHours(value),
            _ => TimeSpan.FromDays(value),
        })
        {
            return "rate period too long";
        }

        expression = new RateExpression(text, value, unit);
        return null;
    }

    private static string? ParseAt(string text, string body, out ScheduleExpression? expression)
    {
        expression = null;
        if (body.Length != 19 || !DateTime.TryParseExact(body, "yyyy'-'MM'-'dd'T'HH':'mm':'ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return "at needs yyyy-mm-ddThh:mm:ss";
        }

        expression = new AtExpression(text, DateTime.SpecifyKind(local, DateTimeKind.Unspecified));
        return null;
    }

    private static string? ParseCron(string text, string body, out ScheduleExpression? expression)
    {
        expression = null;
        var parts = body.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 6)
        {
            return "cron needs six fields";
        }

        var fields = new CronFields();
        ulong minutes = 0, hours = 0, months = 0;
        var error = ParseBits(parts[0], 0, 59, null, out minutes)
            ?? ParseBits(parts[1], 0, 23, null, out hours)
            ?? ParseBits(parts[3], 1, 12, MonthNames, out months)
            ?? ParseYears(parts[5], fields.Years)
            ?? ParseDayOfMonth(parts[2], fields)
            ?? ParseDayOfWeek(parts[4], fields);
        if (error is not null)
        {
            return error;
        }

        // AWS: "If you specify a value or a * in one of the fields, you must use a ? in the other."
        if (fields.DayOfMonthAny == fields.DayOfWeekAny)
        {
            return "exactly one of day-of-month and day-of-week must be '?'";
        }

        fields.Minutes = minutes;
        fields.Hours = (uint)hours;
        fields.Months = (uint)months;
        expression = new CronExpression(text, fields);
        return null;
    }

    private static string? ParseDayOfMonth(string field, CronFields fields)
    {
        if (field == "?")
        {
            fields.DayOfMonthAny = true;
            return null;
        }

        if (field == "LW")
        {
            fields.LastWeekday = true;
            return null;
        }

        if (field == "L")
        {
            fields.LastDayOffset = 0;
            return null;
        }

        if (field.StartsWith("L-", StringComparison.Ordinal))
        {
            if (!TryNumber(field[2..], 0, 30, out var offset))
            {
                return "L-n needs 0 ≤ n ≤ 30";
            }

            fields.LastDayOffset = offset;
            return null;
        }

        if (field.EndsWith('W'))
        {
            if (!TryNumber(field[..^1], 1, 31, out var day))
            {
                return "nW needs 1 ≤ n ≤ 31";
            }

            fields.NearestWeekday = day;
            return null;
        }

        var error = ParseBits(field, 1, 31, null, out var days);
        fields.DaysOfMonth = days;
        return error;
    }

    private static string? ParseDayOfWeek(string field, CronFields fields)
    {
        if (field == "?")
        {
            fields.DayOfWeekAny = true;
            return null;
        }

        var hash = field.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            // AWS: with '#' the day-of-week field holds that one expression only.
            if (!TryValue(field[..hash], 1, 7, DayNames, out var day) || !TryNumber(field[(hash + 1)..], 1, 5, out var nth))
            {
                return "n#k needs a day of week and 1 ≤ k ≤ 5";
            }

            fields.NthDayOfWeek = day;
            fields.NthOccurrence = nth;
            return null;
        }

        if (field == "L")
        {
            fields.DaysOfWeek = 1U << 7;
            return null;
        }

        if (field.Length > 1 && field.EndsWith('L'))
        {
            if (!TryValue(field[..^1], 1, 7, DayNames, out var day))
            {
                return "nL needs a day of week";
            }

            fields.LastDayOfWeek = day;
            return null;
        }

        if (field.Contains('/', StringComparison.Ordinal))
        {
            return "day-of-week takes no increments";
        }

        var error = ParseBits(field, 1, 7, DayNames, out var days);
        fields.DaysOfWeek = (uint)days;
        return error;
    }

    private static string? ParseYears(string field, bool[] years)
    {
        var error = ParseList(field, CronExpression.MinYear, CronExpression.MaxYear, null, allowWrap: false, value => years[value - CronExpression.MinYear] = true);
        return error;
    }

    private static string? ParseBits(string field, int min, int max, string[]? names, out ulong bits)
    {
        ulong set = 0;
        var error = ParseList(field, min, max, names, allowWrap: true, value => set |= 1UL << value);
        bits = set;
        return error;
    }

    // A comma list of *, a, a-b, with optional /step; a-b with a > b wraps around (FRI-MON), except in the year field.
    private static string? ParseList(string field, int min, int max, string[]? names, bool allowWrap, Action<int> add)
    {
        if (field.Length == 0)
        {
            return "empty field";
        }

        foreach (var item in field.Split(','))
        {
            if (item.Length == 0)
            {
                return "empty list item";
            }

            var range = item;
            var step = 1;
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            if (slash >= 0)
            {
                if (!TryNumber(item[(slash + 1)..], 1, max - min + 1, out step))
                {
                    return $"bad increment in '{item}'";
                }

                range = item[..slash];
            }

            int from, to;
            if (range == "*")
            {
                (from, to) = (min, max);
            }
            else
            {
                var dash = range.IndexOf('-', 1);
                if (dash > 0)
                {
                    if (!TryValue(range[..dash], min, max, names, out from) || !TryValue(range[(dash + 1)..], min, max, names, out to))
                    {
                        return $"bad range '{item}'";
                    }

                    if (from > to && !allowWrap)
                    {
                        return $"bad range '{item}'";
                    }
                }
                else
                {
                    if (!TryValue(range, min, max, names, out from))
                    {
                        return $"bad value '{item}'";
                    }

                    to = slash >= 0 ? max : from;
                }
            }

            var span = to >= from ? to - from : to - from + (max - min + 1);
            for (var offset = 0; offset <= span; offset += step)
            {
                var value = from + offset;
                add(value > max ? value - (max - min + 1) : value);
            }
        }

        return null;
    }

    private static bool TryValue(string text, int min, int max, string[]? names, out int value)
    {
        if (names is not null)
        {
            var index = Array.FindIndex(names, name => string.Equals(name, text, StringComparison.OrdinalIgnoreCase));
            if (index >= 0)
            {
                value = index + 1;
                return true;
            }
        }

        return TryNumber(text, min, max, out value);
    }

    private static bool TryNumber(string text, int min, int max, out int value)
    {
        value = 0;
        return text.Length is > 0 and <= 4 && text.All(char.IsAsciiDigit)
            && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) && value >= min && value <= max;
    }
}
