using System.Globalization;

namespace Quickstep.Jsonata;

/// <summary>Formats doubles exactly as JavaScript's Number.prototype.toString does (shortest round-trip digits).</summary>
internal static class JsNumber
{
    /// <summary>
    /// A computed number. Where .NET's shortest form differs from JavaScript's (exponents: 1e+21, 1e-7), the
    /// JavaScript text is kept so the result prints as JSONata prints it.
    /// </summary>
    public static Json.JNumber Create(double v)
    {
        var a = Math.Abs(v);
        if (a == 0 || !double.IsFinite(v) || (a >= 1e-4 && a < 1e15) || (a < 1e21 && Math.Floor(v) == v))
            return Json.JNumber.Create(v);
        return Json.JNumber.FromText(ToString(v), v);
    }

    public static string ToString(double v)
    {
        if (double.IsNaN(v))
            return "NaN";
        if (double.IsInfinity(v))
            return v > 0 ? "Infinity" : "-Infinity";
        if (v == 0)
            return "0";
        if (Math.Floor(v) == v && Math.Abs(v) < 1e15)
            return ((long)v).ToString(CultureInfo.InvariantCulture);
        var shortest = v.ToString("R", CultureInfo.InvariantCulture);
        var negative = shortest[0] == '-';
        if (negative)
            shortest = shortest[1..];
        string digits;
        int exp;
        var ePos = shortest.IndexOfAny(['E', 'e']);
        var mantissa = ePos >= 0 ? shortest[..ePos] : shortest;
        var e10 = ePos >= 0 ? int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        if (dot >= 0)
        {
            digits = mantissa[..dot] + mantissa[(dot + 1)..];
            exp = dot + e10;
        }
        else
        {
            digits = mantissa;
            exp = mantissa.Length + e10;
        }

        var lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0')
        {
            lead++;
            exp--;
        }

        digits = digits[lead..].TrimEnd('0');
        if (digits.Length == 0)
            digits = "0";
        var k = digits.Length;
        var n = exp;
        string s;
        if (k <= n && n <= 21)
            s = digits + new string('0', n - k);
        else if (0 < n && n <= 21)
            s = digits[..n] + "." + digits[n..];
        else if (-6 < n && n <= 0)
            s = "0." + new string('0', -n) + digits;
        else
        {
            var e = n - 1;
            var es = (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
            s = k == 1 ? digits + "e" + es : digits[0] + "." + digits[1..] + "e" + es;
        }

        return negative ? "-" + s : s;
    }
}
