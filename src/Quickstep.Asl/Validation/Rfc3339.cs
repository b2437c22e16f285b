namespace Quickstep.Asl.Validation;

/// <summary>
/// The RFC 3339 profile ASL requires for timestamps: <c>YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)</c>,
/// uppercase T and Z (ASL spec "Timestamps"); conformance cases wait_timestamp_invalid_* decide the rest.
/// </summary>
internal static class Rfc3339
{
    public static bool IsValid(string text)
    {
        var s = text.AsSpan();
        if (s.Length < 20)
            return false;
        if (!Digits(s, 0, 4, out var year) || s[4] != '-' || !Digits(s, 5, 2, out var month) || s[7] != '-' || !Digits(s, 8, 2, out var day))
            return false;
        if (s[10] != 'T' || !Digits(s, 11, 2, out var hour) || s[13] != ':' || !Digits(s, 14, 2, out var minute) || s[16] != ':' || !Digits(s, 17, 2, out var second))
            return false;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(Math.Max(year, 1), month) || hour > 23 || minute > 59 || second > 59)
            return false;
        var i = 19;
        if (s[i] == '.')
        {
            var start = ++i;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
                i++;
            if (i == start || i - start > 9)
                return false;
        }

        if (i >= s.Length)
            return false;
        if (s[i] == 'Z')
            return i + 1 == s.Length;
        if (s[i] is not ('+' or '-') || s.Length - i != 6)
            return false;
        return Digits(s, i + 1, 2, out var offHour) && s[i + 3] == ':' && Digits(s, i + 4, 2, out var offMinute) && offHour <= 23 && offMinute <= 59;
    }

    private static bool Digits(ReadOnlySpan<char> s, int start, int count, out int value)
    {
        value = 0;
        if (start + count > s.Length)
            return false;
        for (var i = start; i < start + count; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
                return false;
            value = (value * 10) + (s[i] - '0');
        }

        return true;
    }
}
