using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Quickstep.Jsonata;

/// <summary>XPath F&amp;O 3.1 date/time picture strings for $fromMillis, $now and $toMillis.</summary>
internal static class DateTimeFormatter
{
    private static readonly Regex OrdinalSuffix = new("(st|nd|rd|th)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

    private const string DefaultPicture = "[Y0001]-[M01]-[D01]T[H01]:[m01]:[s01].[f001][Z01:01t]";

    private static readonly string[] Months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

    private static readonly string[] Days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    private sealed class Marker
    {
        public string? Literal { get; init; }

        public char Component { get; init; }

        public string Presentation { get; set; } = string.Empty;

        public bool Ordinal { get; set; }

        public bool Traditional { get; set; }

        public int? MinWidth { get; set; }

        public int? MaxWidth { get; set; }

        public IntegerFormatter.Picture? Integer { get; set; }

        public int YearDigits { get; set; } = -1;

        public bool IsName => Presentation is "N" or "n" or "Nn";
    }

    private static List<Marker> Analyse(string picture)
    {
        for (var k = 0; k < picture.Length; k++)
        {
            if (picture[k] == '[' && k + 1 < picture.Length && picture[k + 1] == '[')
                k++;
            else if (picture[k] == '[' && picture.IndexOf(']', k) < 0)
                throw new JsonataException("D3135", "No matching closing bracket ']' in date/time picture string");
        }

        var result = new List<Marker>();
        var literal = new StringBuilder();
        var i = 0;
        while (i < picture.Length)
        {
            var c = picture[i];
            if (c == '[' && i + 1 < picture.Length && picture[i + 1] == '[')
            {
                literal.Append('[');
                i += 2;
                continue;
            }

            if (c == ']' && i + 1 < picture.Length && picture[i + 1] == ']')
            {
                literal.Append(']');
                i += 2;
                continue;
            }

            if (c != '[')
            {
                literal.Append(c);
                i++;
                continue;
            }

            var end = picture.IndexOf(']', i);
            if (end < 0)
                throw new JsonataException("D3135", "No matching closing bracket ']' in date/time picture string");
            if (literal.Length > 0)
            {
                result.Add(new Marker { Literal = literal.ToString() });
                literal.Clear();
            }

            var spec = new string(picture[(i + 1)..end].Where(ch => !char.IsWhiteSpace(ch)).ToArray());
            result.Add(AnalyseMarker(spec));
            i = end + 1;
        }

        if (literal.Length > 0)
            result.Add(new Marker { Literal = literal.ToString() });
        return result;
    }

    private static Marker AnalyseMarker(string spec)
    {
        var component = spec[0];
        if ("YMDdFWwXxHhPmsfZzCE".IndexOf(component, StringComparison.Ordinal) < 0)
            throw new JsonataException("D3132", "Unknown component specifier " + component + " in date/time picture string");
        var m = new Marker { Component = component };
        var rest = spec[1..];
        var comma = rest.LastIndexOf(',');
        if (comma >= 0)
        {
            var width = rest[(comma + 1)..];
            rest = rest[..comma];
            var dash = width.IndexOf('-', StringComparison.Ordinal);
            var min = dash < 0 ? width : width[..dash];
            var max = dash < 0 ? null : width[(dash + 1)..];
            m.MinWidth = min is "*" or "" ? null : int.Parse(min, CultureInfo.InvariantCulture);
            m.MaxWidth = max is null or "*" or "" ? null : int.Parse(max, CultureInfo.InvariantCulture);
        }

        if (rest.Length > 1 && "atco".Contains(rest[^1], StringComparison.Ordinal) && component is not ('Z' or 'z'))
        {
            m.Ordinal = rest[^1] == 'o';
            rest = rest[..^1];
        }
        else if (rest.Length > 1 && rest[^1] == 't' && component is 'Z' or 'z')
        {
            m.Traditional = true;
            rest = rest[..^1];
        }

        if (rest.Length == 0)
        {
            rest = component switch
            {
                'F' or 'P' => "n",
                'C' or 'E' => "Nn",
                'm' or 's' => "01",
                'Z' or 'z' => "01:01",
                _ => "1",
            };
        }

        m.Presentation = rest;
        if (m.IsName)
        {
            if (component is not ('M' or 'F' or 'P' or 'x' or 'C' or 'E' or 'd'))
                throw new JsonataException("D3133", "The date/time picture string component [" + spec + "] is not supported as a name");
            return m;
        }

        if (component is 'Z' or 'z' or 'C' or 'E')
            return m;
        var pic = IntegerFormatter.Analyse(rest + (m.Ordinal ? ";o" : string.Empty));
        var mandatory = pic.MandatoryDigits;
        if (m.MinWidth is { } mw && mandatory < mw)
            mandatory = mw;
        if (m.MaxWidth is { } mx && mandatory > mx)
            mandatory = mx;
        if (pic.Kind == IntegerFormatter.Kind.Decimal && mandatory != pic.MandatoryDigits)
        {
            pic = new IntegerFormatter.Picture
            {
                Kind = pic.Kind,
                Ordinal = pic.Ordinal,
                ZeroCode = pic.ZeroCode,
                MandatoryDigits = mandatory,
                OptionalDigits = pic.OptionalDigits,
                Separators = pic.Separators,
                RegularInterval = pic.RegularInterval,
                RegularSeparator = pic.RegularSeparator,
            };
        }

        m.Integer = pic;
        if (component == 'Y' && pic.Kind == IntegerFormatter.Kind.Decimal)
        {
            if (m.MaxWidth is { } max)
                m.YearDigits = max;
            else if (pic.MandatoryDigits + pic.OptionalDigits >= 2)
                m.YearDigits = pic.MandatoryDigits + pic.OptionalDigits;
        }

        return m;
    }

    public static string Format(long millis, string? picture, string? timezone)
    {
        var offset = TimeSpan.Zero;
        if (timezone is not null)
            offset = ParseOffset(timezone);
        var dt = DateTimeOffset.FromUnixTimeMilliseconds(millis).ToOffset(offset);
        var sb = new StringBuilder();
        foreach (var m in CachedAnalyse(picture ?? DefaultPicture))
        {
            if (m.Literal is not null)
                sb.Append(m.Literal);
            else
                sb.Append(FormatComponent(m, dt, offset));
        }

        return sb.ToString();
    }

    private static TimeSpan ParseOffset(string tz)
    {
        var sign = tz.StartsWith('-') ? -1 : 1;
        var digits = tz.TrimStart('+', '-');
        if (digits.Length < 3)
            return TimeSpan.FromHours(sign * int.Parse(digits, CultureInfo.InvariantCulture));
        var hours = int.Parse(digits[..^2], CultureInfo.InvariantCulture);
        var minutes = int.Parse(digits[^2..], CultureInfo.InvariantCulture);
        return TimeSpan.FromMinutes(sign * ((hours * 60) + minutes));
    }

    private static string FormatComponent(Marker m, DateTimeOffset dt, TimeSpan offset)
    {
        var dow = ((int)dt.DayOfWeek + 6) % 7 + 1;
        switch (m.Component)
        {
            case 'Y':
                {
                    var year = (long)dt.Year;
                    if (m.YearDigits > 0)
                        year %= (long)Math.Pow(10, m.YearDigits);
                    return Number(m, year);
                }

            case 'M':
                return m.IsName ? Name(Months[dt.Month - 1], m) : Number(m, dt.Month);
            case 'D':
                return Number(m, dt.Day);
            case 'd':
                return Number(m, dt.DayOfYear);
            case 'F':
                return m.IsName ? Name(Days[dow - 1], m) : Number(m, dow);
            case 'W':
                return Number(m, ISOWeek.GetWeekOfYear(dt.DateTime));
            case 'X':
                return Number(m, ISOWeek.GetYear(dt.DateTime));
            case 'w':
            case 'x':
                {
                    var thursday = dt.Date.AddDays(4 - dow);
                    if (m.Component == 'x')
                        return m.IsName ? Name(Months[thursday.Month - 1], m) : Number(m, thursday.Month);
                    return Number(m, ((thursday.Day - 1) / 7) + 1);
                }

            case 'H':
                return Number(m, dt.Hour);
            case 'h':
                {
                    var h = dt.Hour % 12;
                    return Number(m, h == 0 ? 12 : h);
                }

            case 'P':
                return Name(dt.Hour < 12 ? "am" : "pm", m);
            case 'm':
                return Number(m, dt.Minute);
            case 's':
                return Number(m, dt.Second);
            case 'f':
                return Number(m, dt.Millisecond);
            case 'Z':
            case 'z':
                return FormatZone(m, offset);
            default:
                return Name("ISO", m);
        }
    }

    private static string Number(Marker m, long value)
    {
        var s = IntegerFormatter.Format(value, m.Integer!);
        if (m.MaxWidth is { } max && s.Length > max && m.Integer!.Kind != IntegerFormatter.Kind.Decimal)
            s = s[..max];
        return s;
    }

    private static string Name(string name, Marker m)
    {
        var s = m.Presentation switch
        {
            "N" => name.ToUpperInvariant(),
            "n" => name.ToLowerInvariant(),
            _ => name,
        };
        if (m.MaxWidth is { } max && s.Length > max)
            s = s[..max];
        return s;
    }

    private static string FormatZone(Marker m, TimeSpan offset)
    {
        var totalMinutes = (int)offset.TotalMinutes;
        if (m.Traditional && totalMinutes == 0)
            return "Z";
        var sign = totalMinutes < 0 ? "-" : "+";
        var abs = Math.Abs(totalMinutes);
        var hours = abs / 60;
        var minutes = abs % 60;
        var p = m.Presentation;
        var digitCount = p.Count(char.IsAsciiDigit);
        var sepIndex = -1;
        for (var i = 0; i < p.Length; i++)
        {
            if (!char.IsAsciiDigit(p[i]))
            {
                sepIndex = i;
                break;
            }
        }

        string text;
        if (sepIndex >= 0)
        {
            var hp = p[..sepIndex];
            text = hours.ToString(CultureInfo.InvariantCulture).PadLeft(hp.Length, '0') + p[sepIndex] + minutes.ToString("00", CultureInfo.InvariantCulture);
        }
        else if (digitCount <= 2)
        {
            text = hours.ToString(CultureInfo.InvariantCulture).PadLeft(digitCount, '0');
            if (minutes != 0)
                text += ":" + minutes.ToString("00", CultureInfo.InvariantCulture);
        }
        else if (digitCount <= 4)
        {
            text = hours.ToString(CultureInfo.InvariantCulture).PadLeft(digitCount - 2, '0') + minutes.ToString("00", CultureInfo.InvariantCulture);
        }
        else
        {
            throw new JsonataException("D3134", "The timezone integer format specifier cannot have more than four digits");
        }

        return (m.Component == 'z' ? "GMT" : string.Empty) + sign + text;
    }

    /// <summary>Analysed pictures and their parsing regexes, so a picture is compiled once, not per evaluation.</summary>
    private static readonly ConcurrentDictionary<string, List<Marker>> FormatCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, (List<Marker> Components, Regex Regex)> ParseCache = new(StringComparer.Ordinal);
    private const int MaxCachedPictures = 256;

    private static List<Marker> CachedAnalyse(string picture)
    {
        if (FormatCache.TryGetValue(picture, out var cached))
            return cached;
        var markers = Analyse(picture);
        if (FormatCache.Count >= MaxCachedPictures)
            FormatCache.Clear();
        FormatCache[picture] = markers;
        return markers;
    }

    public static double? Parse(string text, string picture, DateTimeOffset now)
    {
        if (!ParseCache.TryGetValue(picture, out var compiled))
        {
            compiled = CompileParser(picture);
            if (ParseCache.Count >= MaxCachedPictures)
                ParseCache.Clear();
            ParseCache[picture] = compiled;
        }

        var components = compiled.Components;
        var match = compiled.Regex.Match(text);
        if (components.Count == 0 || !match.Success)
            return null;
        return Assemble(components, match, now);
    }

    private static (List<Marker> Components, Regex Regex) CompileParser(string picture)
    {
        var markers = Analyse(picture);
        var regex = new StringBuilder("^");
        var components = new List<Marker>();
        foreach (var m in markers)
        {
            if (m.Literal is not null)
            {
                regex.Append(Regex.Escape(m.Literal));
                continue;
            }

            components.Add(m);
            regex.Append('(').Append(ComponentRegex(m)).Append(')');
        }

        regex.Append('$');
        var present = new HashSet<char>(components.Select(c => c.Component));
        if (present.Overlaps("XxWw"))
            throw new JsonataException("D3136", "The date/time picture string is not supported: ISO week dates cannot be parsed");
        return (components, new Regex(regex.ToString(), RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1)));
    }

    private static double Assemble(List<Marker> components, Match match, DateTimeOffset now)
    {
        var values = new Dictionary<char, long>();
        TimeSpan? zone = null;
        var pm = (bool?)null;
        for (var i = 0; i < components.Count; i++)
        {
            var m = components[i];
            var s = match.Groups[i + 1].Value;
            switch (m.Component)
            {
                case 'Z':
                case 'z':
                    zone = ParseZone(s);
                    break;
                case 'P':
                    pm = s.StartsWith('p') || s.StartsWith('P');
                    break;
                case 'F':
                case 'C':
                case 'E':
                    break;
                case 'f':
                    {
                        var digits = new string(s.Where(char.IsAsciiDigit).ToArray());
                        values['f'] = (long)Math.Floor(double.Parse("0." + digits, CultureInfo.InvariantCulture) * 1000);
                        break;
                    }

                case 'M':
                    values['M'] = m.IsName ? MonthFromName(s) : (long)ParseInt(s, m);
                    break;
                default:
                    values[m.Component] = (long)ParseInt(s, m);
                    break;
            }
        }

        if (values.TryGetValue('h', out var h12))
        {
            var h = h12 % 12;
            if (pm == true)
                h += 12;
            values['H'] = h;
        }

        var order = values.ContainsKey('d') ? "YdHmsf" : "YMDHmsf";
        var first = -1;
        var last = -1;
        for (var i = 0; i < order.Length; i++)
        {
            if (values.ContainsKey(order[i]))
            {
                if (first < 0)
                    first = i;
                last = i;
            }
        }

        for (var i = first; i <= last; i++)
        {
            if (!values.ContainsKey(order[i]))
                throw new JsonataException("D3136", "The date/time picture string is missing specifiers required to parse the timestamp");
        }

        var nowUtc = now.UtcDateTime;
        long Get(char c, int index, long fromNow, long dflt) => values.TryGetValue(c, out var v) ? v : index < first ? fromNow : dflt;
        var year = Get('Y', 0, nowUtc.Year, nowUtc.Year);
        DateTime date;
        if (order[1] == 'd')
        {
            var doy = Get('d', 1, nowUtc.DayOfYear, 1);
            date = new DateTime((int)year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(doy - 1);
        }
        else
        {
            var month = Get('M', 1, nowUtc.Month, 1);
            var day = Get('D', 2, nowUtc.Day, 1);
            date = new DateTime((int)year, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMonths((int)month - 1).AddDays(day - 1);
        }

        var offsetIndex = order.Length - 4;
        var hour = Get('H', offsetIndex, nowUtc.Hour, 0);
        var minute = Get('m', offsetIndex + 1, nowUtc.Minute, 0);
        var second = Get('s', offsetIndex + 2, nowUtc.Second, 0);
        var ms = Get('f', offsetIndex + 3, nowUtc.Millisecond, 0);
        var result = date.AddHours(hour).AddMinutes(minute).AddSeconds(second).AddMilliseconds(ms);
        var millis = (double)new DateTimeOffset(result, TimeSpan.Zero).ToUnixTimeMilliseconds();
        if (zone is { } z)
            millis -= z.TotalMilliseconds;
        return millis;
    }

    private static double ParseInt(string s, Marker m)
    {
        var pic = m.Integer!;
        if (pic.Kind == IntegerFormatter.Kind.Decimal && pic.Ordinal)
            s = OrdinalSuffix.Replace(s, string.Empty);
        return IntegerFormatter.ParseValue(s, pic);
    }

    private static long MonthFromName(string s)
    {
        for (var i = 0; i < Months.Length; i++)
        {
            if (Months[i].StartsWith(s, StringComparison.OrdinalIgnoreCase) && s.Length >= 3)
                return i + 1;
        }

        return 0;
    }

    private static TimeSpan ParseZone(string s)
    {
        if (s is "Z" or "z")
            return TimeSpan.Zero;
        if (s.StartsWith("GMT", StringComparison.OrdinalIgnoreCase))
            s = s[3..];
        var sign = s.StartsWith('-') ? -1 : 1;
        var body = s.TrimStart('+', '-');
        int hours, minutes = 0;
        var colon = body.IndexOf(':', StringComparison.Ordinal);
        if (colon >= 0)
        {
            hours = int.Parse(body[..colon], CultureInfo.InvariantCulture);
            minutes = int.Parse(body[(colon + 1)..], CultureInfo.InvariantCulture);
        }
        else if (body.Length > 2)
        {
            hours = int.Parse(body[..^2], CultureInfo.InvariantCulture);
            minutes = int.Parse(body[^2..], CultureInfo.InvariantCulture);
        }
        else
        {
            hours = int.Parse(body, CultureInfo.InvariantCulture);
        }

        return TimeSpan.FromMinutes(sign * ((hours * 60) + minutes));
    }

    private static string ComponentRegex(Marker m)
    {
        switch (m.Component)
        {
            case 'Z':
            case 'z':
                return @"(?:GMT)?[+-][0-9]{1,2}(?::?[0-9]{2})?|Z";
            case 'P':
                return "[ap]m";
            case 'C':
            case 'E':
                return "[a-zA-Z]+";
        }

        if (m.IsName)
            return "[a-zA-Z]+";
        var pic = m.Integer!;
        switch (pic.Kind)
        {
            case IntegerFormatter.Kind.Roman:
                return "[MDCLXVImdclxvi]+";
            case IntegerFormatter.Kind.Letters:
                return "[a-zA-Z]+";
            case IntegerFormatter.Kind.Words:
                return @"[a-zA-Z]+(?:(?:,?\s+|-)[a-zA-Z]+)*?";
        }

        var zero = pic.ZeroCode;
        var digit = zero == '0' ? "[0-9]" : "[" + char.ConvertFromUtf32(zero) + "-" + char.ConvertFromUtf32(zero + 9) + "]";
        string r;
        if (pic.Separators.Count > 0)
        {
            r = "(?:" + digit + "|[^a-zA-Z0-9\\s])+";
        }
        else
        {
            var min = pic.MandatoryDigits;
            var max = m.MaxWidth ?? (pic.OptionalDigits > 0 || pic.MandatoryDigits == 1 ? (int?)null : pic.MandatoryDigits);
            r = digit + "{" + min + "," + (max?.ToString(CultureInfo.InvariantCulture) ?? string.Empty) + "}";
            if (m.MinWidth is null && pic.MandatoryDigits == 1)
                r = digit + "+";
        }

        if (pic.Ordinal)
            r += "(?:st|nd|rd|th)";
        return r;
    }
}
