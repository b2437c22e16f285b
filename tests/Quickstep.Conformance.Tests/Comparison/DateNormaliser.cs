using System.Text;
using System.Text.RegularExpressions;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>compare.py's <c>normalise_dates</c>: every valid ISO-8601 date-time inside a string becomes "date".</summary>
internal static partial class DateNormaliser
{
    public const string DateToken = "date";

    private static readonly int[] Days = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

    // A valid-looking calendar date, 'T', a time, optional 1-9 fractional digits, and 'Z' or a +hh[:mm] offset.
    [GeneratedRegex(@"([1-9]\d{3})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d:?(?:[0-5]\d)?)")]
    private static partial Regex IsoShape();

    public static string Normalise(string text)
    {
        if (!text.Contains('T', StringComparison.Ordinal))
            return text;
        var regex = IsoShape();
        var match = regex.Match(text);
        if (!match.Success)
            return text;
        var sb = new StringBuilder(text.Length);
        var pos = 0;
        while (true)
        {
            if (!match.Success)
            {
                sb.Append(text, pos, text.Length - pos);
                return sb.ToString();
            }

            if (ValidDate(Digits(match.Groups[1].Value), Digits(match.Groups[2].Value), Digits(match.Groups[3].Value)))
            {
                sb.Append(text, pos, match.Index - pos).Append(DateToken);
                pos = match.Index + match.Length;
            }
            else
            {
                // Not a date: keep one character and look again from the next position.
                sb.Append(text, pos, match.Index + 1 - pos);
                pos = match.Index + 1;
            }

            match = regex.Match(text, pos);
        }
    }

    /// <summary>Python's int() of a run of (Unicode) decimal digits, as \d matched them.</summary>
    private static int Digits(string s)
    {
        var n = 0;
        foreach (var c in s)
            n = (n * 10) + (int)char.GetNumericValue(c);
        return n;
    }

    private static bool ValidDate(int year, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1)
            return false;
        if (month == 2)
        {
            var leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
            return day <= (leap ? 29 : 28);
        }

        return day <= Days[month - 1];
    }
}
