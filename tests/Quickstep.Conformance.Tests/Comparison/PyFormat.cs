using System.Globalization;
using System.Numerics;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Comparison;

/// <summary>
/// Python's spellings of values, so that difference messages read as compare.py's do:
/// <c>repr()</c> of strings and lists, <c>json.dumps</c>, and Python's number model (an int is
/// exact, a float is a double, and the two compare by exact value).
/// </summary>
internal static class PyFormat
{
    /// <summary>compare.py's <c>_short</c>: JSON (keys sorted) for values, repr for strings, cut at <paramref name="n"/>.</summary>
    public static string Short(JValue? value, int n = 160)
    {
        var s = value is JString str ? Repr(str.Value) : Dumps(value ?? JValue.Null, sortKeys: true, ensureAscii: false, compact: false);
        return Cut(s, n);
    }

    /// <summary><c>_short</c> of a Python str or None (error and cause fields).</summary>
    public static string Short(string? value, int n = 160) => value is null ? "null" : Cut(Repr(value), n);

    private static string Cut(string s, int n) => s.Length <= n ? s : string.Concat(s.AsSpan(0, n - 3), "...");

    /// <summary>Python's <c>repr(str)</c>.</summary>
    public static string Repr(string s)
    {
        var quote = s.Contains('\'', StringComparison.Ordinal) && !s.Contains('"', StringComparison.Ordinal) ? '"' : '\'';
        var sb = new StringBuilder(s.Length + 2).Append(quote);
        foreach (var c in s)
        {
            switch (c)
            {
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c == quote)
                        sb.Append('\\').Append(c);
                    else if (c < 0x20 || c == 0x7f)
                        sb.Append(CultureInfo.InvariantCulture, $"\\x{(int)c:x2}");
                    else
                        sb.Append(c);
                    break;
            }
        }

        return sb.Append(quote).ToString();
    }

    /// <summary>Python's <c>repr(list_of_str)</c>.</summary>
    public static string ReprList(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Repr)) + "]";

    /// <summary>Python's <c>json.dumps</c>: <paramref name="compact"/> selects separators (",", ":") over (", ", ": ").</summary>
    public static string Dumps(JValue value, bool sortKeys, bool ensureAscii, bool compact)
    {
        var sb = new StringBuilder();
        Write(sb, value, sortKeys, ensureAscii, compact ? "," : ", ", compact ? ":" : ": ");
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JValue value, bool sortKeys, bool ensureAscii, string itemSep, string keySep)
    {
        switch (value)
        {
            case JObject o:
                {
                    sb.Append('{');
                    IEnumerable<KeyValuePair<string, JValue>> members = o;
                    if (sortKeys)
                        members = members.OrderBy(p => p.Key, StringComparer.Ordinal);
                    var first = true;
                    foreach (var (k, v) in members)
                    {
                        if (!first)
                            sb.Append(itemSep);
                        first = false;
                        WriteString(sb, k, ensureAscii);
                        sb.Append(keySep);
                        Write(sb, v, sortKeys, ensureAscii, itemSep, keySep);
                    }

                    sb.Append('}');
                    break;
                }

            case JArray a:
                {
                    sb.Append('[');
                    for (var i = 0; i < a.Count; i++)
                    {
                        if (i > 0)
                            sb.Append(itemSep);
                        Write(sb, a[i], sortKeys, ensureAscii, itemSep, keySep);
                    }

                    sb.Append(']');
                    break;
                }

            case JString s:
                WriteString(sb, s.Value, ensureAscii);
                break;
            case JNumber n:
                sb.Append(NumberText(n));
                break;
            case JBool b:
                sb.Append(b.Value ? "true" : "false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteString(StringBuilder sb, string s, bool ensureAscii)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                default:
                    if (c < 0x20 || (ensureAscii && c > 0x7e))
                        sb.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
                    else
                        sb.Append(c);
                    break;
            }
        }

        sb.Append('"');
    }

    /// <summary>How Python prints the number json.loads would have made of this JSON number.</summary>
    public static string NumberText(JNumber n)
    {
        if (TryGetPythonInt(n, out var i))
            return i.ToString(CultureInfo.InvariantCulture);
        return FloatRepr(n.Value);
    }

    /// <summary>
    /// True when Python would hold this number as an int: its JSON text is an integer literal, or
    /// (a computed number, printed without a fraction) its value is integral.
    /// </summary>
    public static bool TryGetPythonInt(JNumber n, out BigInteger value)
    {
        if (n.Text is { } text)
        {
            if (IsIntegerLiteral(text))
            {
                value = BigInteger.Parse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
                return true;
            }

            value = default;
            return false;
        }

        if (double.IsFinite(n.Value) && Math.Floor(n.Value) == n.Value && Math.Abs(n.Value) < 1e21)
        {
            value = new BigInteger(n.Value);
            return true;
        }

        value = default;
        return false;
    }

    private static bool IsIntegerLiteral(string text)
    {
        var start = text.StartsWith('-') ? 1 : 0;
        if (start == text.Length)
            return false;
        for (var i = start; i < text.Length; i++)
        {
            if (!char.IsAsciiDigit(text[i]))
                return false;
        }

        return true;
    }

    /// <summary>Python's <c>==</c> between two numbers: ints exactly, floats as doubles, int against float by exact value.</summary>
    public static bool NumbersEqual(JNumber expected, JNumber actual)
    {
        var ei = TryGetPythonInt(expected, out var e);
        var ai = TryGetPythonInt(actual, out var a);
        if (ei && ai)
            return e == a;
        if (!ei && !ai)
            return expected.Value.Equals(actual.Value) && !double.IsNaN(expected.Value);
        var (f, i) = ei ? (actual.Value, e) : (expected.Value, a);
        return double.IsFinite(f) && Math.Floor(f) == f && new BigInteger(f) == i;
    }

    /// <summary>Python's <c>repr(float)</c> (json.dumps spells the non-finite ones NaN/Infinity).</summary>
    public static string FloatRepr(double d)
    {
        if (double.IsNaN(d))
            return "NaN";
        if (double.IsInfinity(d))
            return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0)
            return double.IsNegative(d) ? "-0.0" : "0.0";
        // Shortest round-trip digits and the decimal exponent, then Python's layout rules.
        var shortest = d.ToString("R", CultureInfo.InvariantCulture);
        var neg = shortest.StartsWith('-');
        var body = neg ? shortest[1..] : shortest;
        int exp;
        string mantissa;
        var ePos = body.IndexOfAny(['E', 'e']);
        if (ePos >= 0)
        {
            exp = int.Parse(body.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
            mantissa = body[..ePos];
        }
        else
        {
            exp = 0;
            mantissa = body;
        }

        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var fracPart = dot >= 0 ? mantissa[(dot + 1)..] : string.Empty;
        var digits = (intPart + fracPart).TrimStart('0');
        var lead = (intPart + fracPart).Length - digits.Length;
        var exp10 = exp + intPart.Length - 1 - lead; // exponent of the first significant digit
        digits = digits.TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        string text;
        if (exp10 < -4 || exp10 >= 16)
        {
            var m = digits.Length > 1 ? digits[0] + "." + digits[1..] : digits;
            text = m + "e" + (exp10 < 0 ? "-" : "+") + Math.Abs(exp10).ToString("00", CultureInfo.InvariantCulture);
        }
        else if (exp10 < 0)
        {
            text = "0." + new string('0', -exp10 - 1) + digits;
        }
        else if (digits.Length <= exp10 + 1)
        {
            text = digits + new string('0', exp10 + 1 - digits.Length) + ".0";
        }
        else
        {
            text = digits[..(exp10 + 1)] + "." + digits[(exp10 + 1)..];
        }

        return neg ? "-" + text : text;
    }
}
