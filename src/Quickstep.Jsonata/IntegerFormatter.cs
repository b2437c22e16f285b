using System.Globalization;
using System.Numerics;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// $formatInteger and $parseInteger: XPath F&amp;O 3.1 format-integer pictures (decimal digit patterns with
/// grouping, Roman numerals, letters, English words, ordinals). Also used for date/time components.
/// </summary>
internal static class IntegerFormatter
{
    private static readonly string[] Few =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];

    private static readonly string[] Decades = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    private static readonly string[] Magnitudes = ["thousand", "million", "billion", "trillion"];

    private static readonly Dictionary<string, string> Ordinals = new(StringComparer.Ordinal)
    {
        ["zero"] = "zeroth",
        ["one"] = "first",
        ["two"] = "second",
        ["three"] = "third",
        ["four"] = "fourth",
        ["five"] = "fifth",
        ["six"] = "sixth",
        ["seven"] = "seventh",
        ["eight"] = "eighth",
        ["nine"] = "ninth",
        ["ten"] = "tenth",
        ["eleven"] = "eleventh",
        ["twelve"] = "twelfth",
        ["thirteen"] = "thirteenth",
        ["fourteen"] = "fourteenth",
        ["fifteen"] = "fifteenth",
        ["sixteen"] = "sixteenth",
        ["seventeen"] = "seventeenth",
        ["eighteen"] = "eighteenth",
        ["nineteen"] = "nineteenth",
        ["twenty"] = "twentieth",
        ["thirty"] = "thirtieth",
        ["forty"] = "fortieth",
        ["fifty"] = "fiftieth",
        ["sixty"] = "sixtieth",
        ["seventy"] = "seventieth",
        ["eighty"] = "eightieth",
        ["ninety"] = "ninetieth",
        ["hundred"] = "hundredth",
        ["thousand"] = "thousandth",
        ["million"] = "millionth",
        ["billion"] = "billionth",
        ["trillion"] = "trillionth",
    };

    private static readonly (int Value, string Letters)[] Romans =
    [
        (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"), (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
    ];

    internal enum Kind
    {
        Decimal,
        Letters,
        Roman,
        Words,
    }

    internal enum Case
    {
        Lower,
        Upper,
        Title,
    }

    /// <summary>An analysed picture (primary format and modifier).</summary>
    internal sealed class Picture
    {
        public Kind Kind { get; init; }

        public Case Case { get; init; }

        public bool Ordinal { get; init; }

        public int ZeroCode { get; init; } = '0';

        public int MandatoryDigits { get; init; }

        public int OptionalDigits { get; init; }

        public List<(int Position, string Separator)> Separators { get; init; } = [];

        public int RegularInterval { get; init; }

        public string? RegularSeparator { get; init; }
    }

    public static string Format(double value, string picture) => Format(value, Analyse(picture));

    public static JValue? Parse(string text, string picture)
    {
        var p = Analyse(picture);
        return JsNumber.Create(ParseValue(text, p));
    }

    internal static Picture Analyse(string picture)
    {
        var primary = picture;
        var ordinal = false;
        var semi = picture.LastIndexOf(';');
        if (semi > 0)
        {
            var modifier = picture[(semi + 1)..];
            primary = picture[..semi];
            ordinal = modifier.StartsWith('o');
        }

        (Kind Kind, Case Case)? named = primary switch
        {
            "A" => (Kind.Letters, Case.Upper),
            "a" => (Kind.Letters, Case.Lower),
            "I" => (Kind.Roman, Case.Upper),
            "i" => (Kind.Roman, Case.Lower),
            "W" => (Kind.Words, Case.Upper),
            "w" => (Kind.Words, Case.Lower),
            "Ww" => (Kind.Words, Case.Title),
            _ => null,
        };
        if (named is { } format)
            return new Picture { Kind = format.Kind, Case = format.Case, Ordinal = ordinal };

        var zero = -1;
        var mandatory = 0;
        var optional = 0;
        var seps = new List<(int, string)>();
        var cps = Builtins.CodePoints(primary);
        var digitsSeen = 0;
        var rawSeps = new List<(int DigitsBefore, string Sep)>();
        foreach (var cp in cps)
        {
            var z = DigitZero(cp);
            if (z >= 0)
            {
                if (zero >= 0 && z != zero)
                    throw new JsonataException("D3131", "In a decimal digit pattern, all digits must be from the same decimal group");
                zero = z;
                mandatory++;
                digitsSeen++;
            }
            else if (cp == '#')
            {
                optional++;
                digitsSeen++;
            }
            else
            {
                rawSeps.Add((digitsSeen, char.ConvertFromUtf32(cp)));
            }
        }

        if (mandatory == 0)
            throw new JsonataException("D3130", "Formatting or parsing an integer as a sequence starting with " + primary + " is not supported by this implementation");
        var total = digitsSeen;
        foreach (var (before, sep) in rawSeps)
            seps.Add((total - before, sep));
        var regular = 0;
        string? regularSep = null;
        if (seps.Count > 0)
        {
            var first = seps[^1].Item1;
            var same = true;
            foreach (var (pos, sep) in seps)
            {
                // A separator after the last digit sits at position 0: not a regular grouping (and no division by zero).
                if (first == 0 || sep != seps[0].Item2 || pos % first != 0)
                    same = false;
            }

            if (same && first > 0)
            {
                regular = first;
                regularSep = seps[0].Item2;
            }
        }

        return new Picture
        {
            Kind = Kind.Decimal,
            Ordinal = ordinal,
            ZeroCode = zero,
            MandatoryDigits = mandatory,
            OptionalDigits = optional,
            Separators = seps,
            RegularInterval = regular,
            RegularSeparator = regularSep,
        };
    }

    private static int DigitZero(int cp)
    {
        if (cp > 0xFFFF)
            return -1;
        var c = (char)cp;
        if (char.GetUnicodeCategory(c) != UnicodeCategory.DecimalDigitNumber)
            return -1;
        return cp - (int)char.GetNumericValue(c);
    }

    internal static string Format(double value, Picture p)
    {
        var negative = value < 0;
        var n = new BigInteger(Math.Floor(Math.Abs(value)));
        string result;
        switch (p.Kind)
        {
            case Kind.Letters:
                result = Letters(n, p.Case == Case.Upper);
                break;
            case Kind.Roman:
                result = Roman((long)n);
                if (p.Case == Case.Upper)
                    result = result.ToUpperInvariant();
                break;
            case Kind.Words:
                result = Words(n, false);
                if (p.Ordinal)
                    result = OrdinalWords(result);
                result = p.Case switch
                {
                    Case.Upper => result.ToUpperInvariant(),
                    Case.Title => TitleCase(result),
                    _ => result,
                };
                break;
            default:
                result = DecimalFormat(n, p);
                break;
        }

        return negative ? "-" + result : result;
    }

    private static string DecimalFormat(BigInteger n, Picture p)
    {
        var digits = n.ToString(CultureInfo.InvariantCulture);
        if (digits.Length < p.MandatoryDigits)
            digits = new string('0', p.MandatoryDigits - digits.Length) + digits;
        var sb = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            var fromRight = digits.Length - i;
            if (i > 0)
            {
                if (p.RegularInterval > 0)
                {
                    if (fromRight % p.RegularInterval == 0)
                        sb.Append(p.RegularSeparator);
                }
                else
                {
                    foreach (var (pos, sep) in p.Separators)
                    {
                        if (pos == fromRight)
                            sb.Append(sep);
                    }
                }
            }

            sb.Append(char.ConvertFromUtf32(p.ZeroCode + (digits[i] - '0')));
        }

        if (p.Ordinal)
            sb.Append(OrdinalSuffix(n));
        return sb.ToString();
    }

    internal static string OrdinalSuffix(BigInteger n)
    {
        var lastTwo = (int)(n % 100);
        var last = lastTwo % 10;
        if (lastTwo is >= 11 and <= 13)
            return "th";
        return last switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
    }

    internal static string Letters(BigInteger n, bool upper)
    {
        var sb = new StringBuilder();
        var baseChar = upper ? 'A' : 'a';
        while (n > 0)
        {
            n -= 1;
            sb.Insert(0, (char)(baseChar + (int)(n % 26)));
            n /= 26;
        }

        return sb.ToString();
    }

    internal static string Roman(long n)
    {
        if (n / 1000 > Values.MaxStringLength)
            throw new JsonataException("U1001", "String result too large: more than " + Values.MaxStringLength + " characters");
        var sb = new StringBuilder();
        foreach (var (value, letters) in Romans)
        {
            while (n >= value)
            {
                sb.Append(letters);
                n -= value;
            }
        }

        return sb.ToString();
    }

    internal static string Words(BigInteger num, bool prev) => Words((double)num, prev);

    /// <summary>English words; arithmetic in doubles, as JSONata's own does, so 1e46 reads "ten billion trillion trillion trillion".</summary>
    internal static string Words(double num, bool prev)
    {
        if (num <= 19)
            return (prev ? " and " : string.Empty) + Few[(int)num];
        if (num < 100)
        {
            var tens = (int)Math.Floor(num / 10);
            var rem = (int)(num % 10);
            var w = (prev ? " and " : string.Empty) + Decades[tens - 2];
            if (rem > 0)
                w += "-" + Few[rem];
            return w;
        }

        if (num < 1000)
        {
            var hundreds = (int)Math.Floor(num / 100);
            var rem = num % 100;
            var w = (prev ? ", " : string.Empty) + Few[hundreds] + " hundred";
            if (rem > 0)
                w += Words(rem, true);
            return w;
        }

        var mag = (int)Math.Floor(Math.Log10(num));
        var exponent = Math.Min(mag / 3, Magnitudes.Length);
        var factor = Math.Pow(10, exponent * 3);
        var mant = Math.Floor(num / factor);
        var remainder = num - (mant * factor);
        var words = (prev ? ", " : string.Empty) + Words(mant, false) + " " + Magnitudes[exponent - 1];
        if (remainder > 0)
            words += Words(remainder, true);
        return words;
    }

    private static string OrdinalWords(string words)
    {
        var cut = Math.Max(words.LastIndexOf(' '), words.LastIndexOf('-'));
        var last = words[(cut + 1)..];
        return words[..(cut + 1)] + (Ordinals.TryGetValue(last, out var o) ? o : last + "th");
    }

    private static string TitleCase(string s)
    {
        var sb = new StringBuilder(s.Length);
        var start = true;
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            if (start && char.IsLetter(c) && !(s.AsSpan(i).StartsWith("and ") && i > 0 && s[i - 1] == ' '))
                sb.Append(char.ToUpperInvariant(c));
            else
                sb.Append(c);
            start = c is ' ' or '-';
        }

        return sb.ToString();
    }

    internal static double ParseValue(string text, Picture p)
    {
        switch (p.Kind)
        {
            case Kind.Letters:
                {
                    BigInteger n = 0;
                    foreach (var c in text.ToLowerInvariant())
                        n = (n * 26) + (c - 'a' + 1);
                    return (double)n;
                }

            case Kind.Roman:
                {
                    var s = text.ToLowerInvariant();
                    long n = 0;
                    var i = 0;
                    foreach (var (value, letters) in Romans)
                    {
                        while (s.AsSpan(i).StartsWith(letters, StringComparison.Ordinal))
                        {
                            n += value;
                            i += letters.Length;
                        }
                    }

                    return n;
                }

            case Kind.Words:
                return (double)ParseWords(text.ToLowerInvariant());
            default:
                {
                    var sb = new StringBuilder();
                    foreach (var cp in Builtins.CodePoints(text))
                    {
                        var d = cp - p.ZeroCode;
                        if (d is >= 0 and <= 9)
                            sb.Append((char)('0' + d));
                        else if (cp is >= '0' and <= '9')
                            sb.Append((char)cp);
                    }

                    return sb.Length == 0 ? 0 : (double)BigInteger.Parse(sb.ToString(), CultureInfo.InvariantCulture);
                }
        }
    }

    private static BigInteger ParseWords(string text)
    {
        var tokens = text.Split([' ', '-', ','], StringSplitOptions.RemoveEmptyEntries);
        var reverseOrdinals = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in Ordinals)
            reverseOrdinals[v] = k;
        BigInteger total = 0;
        BigInteger current = 0;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (reverseOrdinals.TryGetValue(t, out var card))
                t = card;
            if (t == "and")
                continue;
            var few = Array.IndexOf(Few, t);
            if (few >= 0)
            {
                current += few;
                continue;
            }

            var dec = Array.IndexOf(Decades, t);
            if (dec >= 0)
            {
                current += (dec + 2) * 10;
                continue;
            }

            if (t == "hundred")
            {
                current *= 100;
                continue;
            }

            var mag = Array.IndexOf(Magnitudes, t);
            if (mag >= 0)
            {
                current *= BigInteger.Pow(10, (mag + 1) * 3);
                var nextIsScale = i + 1 < tokens.Length && Array.IndexOf(Magnitudes, reverseOrdinals.GetValueOrDefault(tokens[i + 1], tokens[i + 1])) >= 0;
                if (!nextIsScale)
                {
                    total += current;
                    current = 0;
                }
            }
        }

        return total + current;
    }
}
