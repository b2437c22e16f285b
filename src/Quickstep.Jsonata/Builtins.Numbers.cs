using System.Globalization;
using System.Text.RegularExpressions;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Numeric, aggregation and boolean functions.</summary>
internal static partial class Builtins
{
    private static readonly Regex JsonNumber = new(@"^-?[0-9]+(\.[0-9]+)?([Ee][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    private static void AddNumbers(List<BuiltinFunction> l)
    {
        l.Add(new("number", "<(nsb)-:n>", (ev, a, i) => ToNumber(Arg(a, 0))));
        l.Add(new("abs", "<n-:n>", (ev, a, i) => Num(a, 0) is { } n ? N(Math.Abs(n)) : null));
        l.Add(new("floor", "<n-:n>", (ev, a, i) => Num(a, 0) is { } n ? N(Math.Floor(n)) : null));
        l.Add(new("ceil", "<n-:n>", (ev, a, i) => Num(a, 0) is { } n ? N(Math.Ceiling(n)) : null));
        l.Add(new("round", "<n-n?:n>", (ev, a, i) => Num(a, 0) is { } n ? N(Round(n, Num(a, 1) ?? 0)) : null, 1));
        l.Add(new("sqrt", "<n-:n>", (ev, a, i) =>
        {
            if (Num(a, 0) is not { } n)
                return null;
            if (n < 0)
                throw new JsonataException("D3060", "The sqrt function cannot be applied to a negative number: " + JsNumber.ToString(n));
            return N(Math.Sqrt(n));
        }));
        l.Add(new("power", "<n-n:n>", (ev, a, i) =>
        {
            if (Num(a, 0) is not { } b)
                return null;
            var r = Math.Pow(b, Num(a, 1)!.Value);
            if (!double.IsFinite(r))
                throw new JsonataException("D3061", "The power function has resulted in a value that cannot be represented as a JSON number");
            return N(r);
        }));
        l.Add(new("sum", "<a<n>:n>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } arr)
                return null;
            var total = 0.0;
            foreach (var v in List(arr))
                total += ((JNumber)v).Value;
            return N(total);
        }));
        l.Add(new("max", "<a<n>:n>", (ev, a, i) => Extreme(List(Arg(a, 0)), max: true)));
        l.Add(new("min", "<a<n>:n>", (ev, a, i) => Extreme(List(Arg(a, 0)), max: false)));
        l.Add(new("average", "<a<n>:n>", (ev, a, i) =>
        {
            var list = List(Arg(a, 0));
            if (list.Count == 0)
                return null;
            var total = 0.0;
            foreach (var v in list)
                total += ((JNumber)v).Value;
            return N(total / list.Count);
        }));
        l.Add(new("boolean", "<x-:b>", (ev, a, i) => Values.Boolean(Arg(a, 0)) is { } b ? JValue.FromBool(b) : null));
        l.Add(new("not", "<x-:b>", (ev, a, i) => Values.Boolean(Arg(a, 0)) is { } b ? JValue.FromBool(!b) : null));
        l.Add(new("exists", "<x:b>", (ev, a, i) => JValue.FromBool(Arg(a, 0) is not null)));
        l.Add(new("formatBase", "<n-n?:s>", (ev, a, i) =>
        {
            if (Num(a, 0) is not { } n)
                return null;
            var radix = Num(a, 1) ?? 10;
            if (radix < 2 || radix > 36)
                throw new JsonataException("D3100", "The radix of the formatBase function must be between 2 and 36.  It was given " + JsNumber.ToString(radix));
            return S(ToRadix((long)Round(n, 0), (int)radix));
        }, 1));
        l.Add(new("formatNumber", "<n-so?:s>", (ev, a, i) => Num(a, 0) is { } n ? S(NumberFormatter.Format(n, Str(a, 1)!, Arg(a, 2) as JObject)) : null, 2));
        l.Add(new("formatInteger", "<n-s:s>", (ev, a, i) => Num(a, 0) is { } n ? S(IntegerFormatter.Format(n, Str(a, 1)!)) : null, 2));
        l.Add(new("parseInteger", "<s-s:n>", (ev, a, i) => Str(a, 0) is { } s ? IntegerFormatter.Parse(s, Str(a, 1)!) : null, 2));
    }

    /// <summary>$max / $min of a list of numbers; undefined for an empty list.</summary>
    private static JNumber? Extreme(IReadOnlyList<JValue> list, bool max)
    {
        if (list.Count == 0)
            return null;
        var m = max ? double.NegativeInfinity : double.PositiveInfinity;
        foreach (var v in list)
            m = max ? Math.Max(m, ((JNumber)v).Value) : Math.Min(m, ((JNumber)v).Value);
        return N(m);
    }

    internal static JValue? ToNumber(JValue? v)
    {
        switch (v)
        {
            case null:
                return null;
            case JNumber:
                return v;
            case JBool b:
                return N(b.Value ? 1 : 0);
            case JString s:
                {
                    var t = s.Value;
                    if (JsonNumber.IsMatch(t))
                    {
                        var d = double.Parse(t, NumberStyles.Float, CultureInfo.InvariantCulture);
                        if (double.IsFinite(d))
                            return N(d);
                    }
                    else if (t.Length > 2 && t[0] == '0')
                    {
                        var style = char.ToLowerInvariant(t[1]);
                        var radix = style switch { 'x' => 16, 'o' => 8, 'b' => 2, _ => 0 };
                        if (radix > 0)
                        {
                            try
                            {
                                return N(Convert.ToInt64(t[2..], radix));
                            }
                            catch (FormatException)
                            {
                            }
                            catch (ArgumentException)
                            {
                            }
                            catch (OverflowException)
                            {
                            }
                        }
                    }

                    break;
                }
        }

        throw new JsonataException("D3030", "Unable to cast value to a number: " + v) { Value = v };
    }

    /// <summary>Round half to even at <paramref name="precision"/> decimal places, shifting the exponent in text as JSONata does.</summary>
    internal static double Round(double value, double precision)
    {
        var p = (int)precision;
        var arg = p != 0 ? ShiftExponent(value, p) : value;
        var result = Math.Floor(arg + 0.5);
        var diff = result - arg;
        if (Math.Abs(diff) == 0.5 && Math.Abs(result % 2) == 1)
            result -= 1;
        if (p != 0)
            result = ShiftExponent(result, -p);
        return result == 0 ? 0 : result;
    }

    private static double ShiftExponent(double v, int by)
    {
        var text = JsNumber.ToString(v);
        var e = text.IndexOf('e', StringComparison.Ordinal);
        var mantissa = e >= 0 ? text[..e] : text;
        var exp = e >= 0 ? int.Parse(text.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        return double.Parse(mantissa + "e" + (exp + by).ToString(CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    private static string ToRadix(long value, int radix)
    {
        if (value == 0)
            return "0";
        var neg = value < 0;
        var v = Math.Abs(value);
        var chars = new List<char>();
        while (v > 0)
        {
            var digit = (int)(v % radix);
            chars.Add((char)(digit < 10 ? '0' + digit : 'a' + digit - 10));
            v /= radix;
        }

        if (neg)
            chars.Add('-');
        chars.Reverse();
        return new string([.. chars]);
    }
}
