using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>$formatNumber: XPath F&amp;O 3.1 §4.7 format-number with a decimal-format picture and properties.</summary>
internal static class NumberFormatter
{
    private sealed class Properties
    {
        public string DecimalSeparator { get; set; } = ".";

        public string GroupingSeparator { get; set; } = ",";

        public string ExponentSeparator { get; set; } = "e";

        public string MinusSign { get; set; } = "-";

        public string Infinity { get; set; } = "Infinity";

        public string NaN { get; set; } = "NaN";

        public string Percent { get; set; } = "%";

        public string PerMille { get; set; } = "\u2030";

        public int ZeroDigit { get; set; } = '0';

        public string Digit { get; set; } = "#";

        public string PatternSeparator { get; set; } = ";";
    }

    private sealed class SubPicture
    {
        public string Prefix { get; set; } = string.Empty;

        public string Suffix { get; set; } = string.Empty;

        public List<int> IntegerGroups { get; } = [];

        public int RegularGroup { get; set; }

        public List<int> FractionGroups { get; } = [];

        public int MinInteger { get; set; }

        public int MinFraction { get; set; }

        public int MaxFraction { get; set; }

        public bool HasExponent { get; set; }

        public int MinExponent { get; set; }

        public int ScalingFactor { get; set; }

        public bool Percent { get; set; }

        public bool PerMille { get; set; }

        public bool IntegerHasOptional { get; set; }
    }

    public static string Format(double value, string picture, JObject? options)
    {
        var props = new Properties();
        if (options is not null)
        {
            foreach (var p in options.AsSpan())
            {
                if (p.Value is not JString s)
                    continue;
                switch (p.Key)
                {
                    case "decimal-separator": props.DecimalSeparator = s.Value; break;
                    case "grouping-separator": props.GroupingSeparator = s.Value; break;
                    case "exponent-separator": props.ExponentSeparator = s.Value; break;
                    case "minus-sign": props.MinusSign = s.Value; break;
                    case "infinity": props.Infinity = s.Value; break;
                    case "NaN": props.NaN = s.Value; break;
                    case "percent": props.Percent = s.Value; break;
                    case "per-mille": props.PerMille = s.Value; break;
                    case "zero-digit": props.ZeroDigit = char.ConvertToUtf32(s.Value, 0); break;
                    case "digit": props.Digit = s.Value; break;
                    case "pattern-separator": props.PatternSeparator = s.Value; break;
                }
            }
        }

        var parts = picture.Split(props.PatternSeparator);
        if (parts.Length > 2)
            throw new JsonataException("D3080", "The picture string must not contain more than one pattern separator");
        var pics = parts.Select(p => Analyse(p, props)).ToArray();
        if (double.IsNaN(value))
            return props.NaN;
        SubPicture pic;
        string prefix;
        if (value < 0 && pics.Length > 1)
        {
            pic = pics[1];
            prefix = pic.Prefix;
        }
        else
        {
            pic = pics[0];
            prefix = value < 0 ? props.MinusSign + pic.Prefix : pic.Prefix;
        }

        var abs = Math.Abs(value);
        if (double.IsInfinity(abs))
            return prefix + props.Infinity + pic.Suffix;
        if (pic.Percent)
            abs *= 100;
        else if (pic.PerMille)
            abs *= 1000;
        var exponent = 0;
        if (pic.HasExponent && abs != 0)
        {
            exponent = (int)Math.Floor(Math.Log10(abs)) + 1 - pic.ScalingFactor;
            abs = double.Parse(JsNumber.ToString(abs).Split('e')[0] + "e" + (ExponentOf(abs) - exponent).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        }

        abs = Builtins.Round(abs, pic.MaxFraction);
        var fixedText = abs.ToString("F" + pic.MaxFraction.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var dot = fixedText.IndexOf('.', StringComparison.Ordinal);
        var intDigits = dot >= 0 ? fixedText[..dot] : fixedText;
        var fracDigits = dot >= 0 ? fixedText[(dot + 1)..] : string.Empty;
        intDigits = intDigits.TrimStart('0');
        if (intDigits.Length < pic.MinInteger)
            intDigits = new string('0', pic.MinInteger - intDigits.Length) + intDigits;
        // JSONata writes a zero before the decimal separator when the integer part of the picture has an optional digit.
        if (intDigits.Length == 0 && pic.IntegerHasOptional)
            intDigits = "0";
        var keep = fracDigits.Length;
        while (keep > pic.MinFraction && fracDigits[keep - 1] == '0')
            keep--;
        fracDigits = fracDigits[..keep];
        var sb = new StringBuilder(prefix);
        for (var i = 0; i < intDigits.Length; i++)
        {
            var fromRight = intDigits.Length - i;
            if (i > 0 && (pic.RegularGroup > 0 ? fromRight % pic.RegularGroup == 0 : pic.IntegerGroups.Contains(fromRight)))
                sb.Append(props.GroupingSeparator);
            sb.Append(Digit(props, intDigits[i]));
        }

        if (fracDigits.Length > 0)
        {
            sb.Append(props.DecimalSeparator);
            for (var i = 0; i < fracDigits.Length; i++)
            {
                if (i > 0 && pic.FractionGroups.Contains(i))
                    sb.Append(props.GroupingSeparator);
                sb.Append(Digit(props, fracDigits[i]));
            }
        }

        if (pic.HasExponent)
        {
            sb.Append(props.ExponentSeparator);
            if (exponent < 0)
                sb.Append(props.MinusSign);
            var e = Math.Abs(exponent).ToString(CultureInfo.InvariantCulture);
            if (e.Length < pic.MinExponent)
                e = new string('0', pic.MinExponent - e.Length) + e;
            foreach (var c in e)
                sb.Append(Digit(props, c));
        }

        sb.Append(pic.Suffix);
        return sb.ToString();
    }

    private static int ExponentOf(double v)
    {
        var t = JsNumber.ToString(v);
        var e = t.IndexOf('e', StringComparison.Ordinal);
        return e < 0 ? 0 : int.Parse(t.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
    }

    private static string Digit(Properties p, char d) => char.ConvertFromUtf32(p.ZeroDigit + (d - '0'));

    private static SubPicture Analyse(string sub, Properties p)
    {
        var cps = Builtins.CodePoints(sub).Select(char.ConvertFromUtf32).ToList();
        bool IsDigit(string c) => c.Length > 0 && char.ConvertToUtf32(c, 0) - p.ZeroDigit is >= 0 and <= 9;
        bool IsMantissaActive(string c) => IsDigit(c) || c == p.Digit || c == p.DecimalSeparator || c == p.GroupingSeparator;
        var first = cps.FindIndex(IsMantissaActive);
        var anyDigit = cps.Any(c => IsDigit(c) || c == p.Digit);
        if (!anyDigit || first < 0)
            throw new JsonataException("D3086", "The picture string must contain at least one active character between passive characters");
        var last = cps.FindLastIndex(c => IsDigit(c) || c == p.Digit || c == p.DecimalSeparator || c == p.GroupingSeparator);
        var result = new SubPicture
        {
            Prefix = string.Concat(cps.Take(first)),
            Suffix = string.Concat(cps.Skip(last + 1)),
        };
        var active = cps.Skip(first).Take(last - first + 1).ToList();
        if (Count(sub, p.DecimalSeparator) > 1)
            throw new JsonataException("D3081", "A sub-picture must not contain more than one decimal separator");
        var percents = Count(sub, p.Percent);
        var permilles = Count(sub, p.PerMille);
        if (percents > 1)
            throw new JsonataException("D3082", "A sub-picture must not contain more than one percent character");
        if (permilles > 1)
            throw new JsonataException("D3083", "A sub-picture must not contain more than one per-mille character");
        if (percents > 0 && permilles > 0)
            throw new JsonataException("D3084", "A sub-picture must not contain both a percent and a per-mille character");
        result.Percent = percents > 0;
        result.PerMille = permilles > 0;
        var expIndex = active.IndexOf(p.ExponentSeparator);
        List<string> mantissa = expIndex >= 0 ? active.Take(expIndex).ToList() : active;
        var exponentPart = expIndex >= 0 ? active.Skip(expIndex + 1).ToList() : null;
        foreach (var c in mantissa)
        {
            if (!IsMantissaActive(c))
                throw new JsonataException("D3086", "A sub-picture must not contain a passive character that is preceded by an active character and that is followed by another active character");
        }

        if (!mantissa.Any(c => IsDigit(c) || c == p.Digit))
            throw new JsonataException("D3085", "The mantissa part of a sub-picture must contain at least one decimal digit or optional digit");
        var decimalAt = mantissa.IndexOf(p.DecimalSeparator);
        var integer = decimalAt >= 0 ? mantissa.Take(decimalAt).ToList() : mantissa;
        var fraction = decimalAt >= 0 ? mantissa.Skip(decimalAt + 1).ToList() : [];
        if (decimalAt >= 0 && ((decimalAt > 0 && mantissa[decimalAt - 1] == p.GroupingSeparator) || (decimalAt + 1 < mantissa.Count && mantissa[decimalAt + 1] == p.GroupingSeparator)))
            throw new JsonataException("D3087", "A sub-picture must not contain a grouping separator adjacent to a decimal separator");
        if (integer.Count > 0 && integer[^1] == p.GroupingSeparator)
            throw new JsonataException("D3088", "The integer part of a sub-picture must not end with a grouping separator");
        for (var i = 1; i < mantissa.Count; i++)
        {
            if (mantissa[i] == p.GroupingSeparator && mantissa[i - 1] == p.GroupingSeparator)
                throw new JsonataException("D3089", "A sub-picture must not contain two adjacent grouping separators");
        }

        var seenMandatory = false;
        foreach (var c in integer)
        {
            if (IsDigit(c))
                seenMandatory = true;
            else if (c == p.Digit && seenMandatory)
                throw new JsonataException("D3090", "The integer part of a sub-picture must not contain an optional digit that is followed by a mandatory digit");
        }

        var seenOptional = false;
        foreach (var c in fraction)
        {
            if (c == p.Digit)
                seenOptional = true;
            else if (IsDigit(c) && seenOptional)
                throw new JsonataException("D3091", "The fractional part of a sub-picture must not contain a mandatory digit that is preceded by an optional digit");
        }

        if (exponentPart is not null)
        {
            if (result.Percent || result.PerMille)
                throw new JsonataException("D3092", "A sub-picture that contains a percent or per-mille character must not contain a character treated as an exponent separator");
            if (exponentPart.Count == 0 || exponentPart.Any(c => !IsDigit(c)))
                throw new JsonataException("D3093", "The exponent part of a sub-picture must contain only decimal digits");
            result.HasExponent = true;
            result.MinExponent = exponentPart.Count;
        }

        var digitsRight = 0;
        for (var i = integer.Count - 1; i >= 0; i--)
        {
            if (integer[i] == p.GroupingSeparator)
                result.IntegerGroups.Add(digitsRight);
            else
                digitsRight++;
        }

        if (result.IntegerGroups.Count > 0)
        {
            var g = result.IntegerGroups.Min();
            var regular = g > 0;
            var sorted = result.IntegerGroups.OrderBy(x => x).ToList();
            for (var i = 0; i < sorted.Count && regular; i++)
                regular = sorted[i] == g * (i + 1);
            if (regular)
                result.RegularGroup = g;
        }

        var digitsLeft = 0;
        foreach (var c in fraction)
        {
            if (c == p.GroupingSeparator)
                result.FractionGroups.Add(digitsLeft);
            else
                digitsLeft++;
        }

        result.MinInteger = integer.Count(IsDigit);
        result.IntegerHasOptional = integer.Contains(p.Digit);
        result.ScalingFactor = result.MinInteger;
        result.MinFraction = fraction.Count(IsDigit);
        result.MaxFraction = fraction.Count(c => IsDigit(c) || c == p.Digit);
        if (result.MinInteger == 0 && result.MaxFraction == 0)
        {
            if (result.HasExponent)
            {
                result.MinFraction = 1;
                result.MaxFraction = 1;
            }
            else
            {
                result.MinInteger = 1;
            }
        }

        if (result.HasExponent && result.MinInteger == 0 && !result.IntegerHasOptional && result.MaxFraction == 0)
            result.MinInteger = 1;
        return result;
    }

    private static int Count(string s, string token)
    {
        if (token.Length == 0)
            return 0;
        var n = 0;
        var i = 0;
        while ((i = s.IndexOf(token, i, StringComparison.Ordinal)) >= 0)
        {
            n++;
            i += token.Length;
        }

        return n;
    }
}
