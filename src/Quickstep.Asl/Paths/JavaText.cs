using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// How AWS's Java runtime prints JSON values in messages and in States.Format: Java's toString of the
/// Jackson value (<c>{Id=arn:…, Name=…}</c> for an object — conformance case
/// intrinsic_functions/test_generic/test_context_json_path), and Java class names for Jayway's errors.
/// </summary>
internal static class JavaText
{
    public static string ToJavaString(JValue value)
    {
        switch (value)
        {
            case JString s:
                return s.Value;
            case JNumber n:
                return FormatNumber(n);
            case JBool b:
                return b.Value ? "true" : "false";
            case JNull:
                return "null";
            default:
                {
                    var sb = new StringBuilder();
                    Append(sb, value);
                    return sb.ToString();
                }
        }
    }

    /// <summary>Integers print as written (Jackson reads them as Integer/Long/BigInteger); other numbers as Java's Double.toString.</summary>
    public static string FormatNumber(JNumber n)
    {
        var text = n.Text;
        if (text is not null)
        {
            if (text.AsSpan().IndexOfAny('.', 'e', 'E') < 0)
                return text;
            return DoubleToString(n.Value);
        }

        if (n.IsIntegral && Math.Abs(n.Value) < 9.2e18)
            return ((long)n.Value).ToString(CultureInfo.InvariantCulture);
        return DoubleToString(n.Value);
    }

    /// <summary>Java's <c>Double.toString</c>: plain decimal in [1e-3, 1e7) with at least one fraction digit, else <c>d.dddE±n</c>.</summary>
    public static string DoubleToString(double d)
    {
        if (double.IsNaN(d))
            return "NaN";
        if (double.IsInfinity(d))
            return d > 0 ? "Infinity" : "-Infinity";
        if (d == 0)
            return double.IsNegative(d) ? "-0.0" : "0.0";
        var abs = Math.Abs(d);
        if (abs >= 1e-3 && abs < 1e7)
        {
            var s = d.ToString("R", CultureInfo.InvariantCulture);
            if (s.Contains('E', StringComparison.Ordinal))
                s = d.ToString("0.###################", CultureInfo.InvariantCulture);
            return s.Contains('.', StringComparison.Ordinal) ? s : s + ".0";
        }

        // Shortest round-trip digits, rewritten in Java's d.dddE±n form.
        var shortest = abs.ToString("R", CultureInfo.InvariantCulture);
        var ePos = shortest.IndexOf('E', StringComparison.Ordinal);
        var mantissa = ePos >= 0 ? shortest[..ePos] : shortest;
        var exponent = ePos >= 0 ? int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        var dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        var intPart = dot >= 0 ? mantissa[..dot] : mantissa;
        var digits = intPart + (dot >= 0 ? mantissa[(dot + 1)..] : string.Empty);
        var significant = digits.TrimStart('0');
        exponent += intPart.Length - 1 - (digits.Length - significant.Length);
        significant = significant.TrimEnd('0');
        var fraction = significant.Length > 1 ? significant[1..] : "0";
        return (d < 0 ? "-" : string.Empty) + significant[0] + "." + fraction + "E" + exponent.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The Java class Jackson would use for the value, as Jayway names it in "found '…'" messages.</summary>
    public static string ClassName(JValue? value) => value switch
    {
        null or JNull => "null",
        JString => "java.lang.String",
        JBool => "java.lang.Boolean",
        JNumber n when n.Text is not null && n.Text.AsSpan().IndexOfAny('.', 'e', 'E') >= 0 => "java.lang.Double",
        JNumber n when n.TryGetInt32(out _) => "java.lang.Integer",
        JNumber n when n.TryGetInt64(out _) => "java.lang.Long",
        JNumber => "java.lang.Double",
        JArray => "java.util.ArrayList",
        _ => "java.util.LinkedHashMap",
    };

    private static void Append(StringBuilder sb, JValue value)
    {
        switch (value)
        {
            case JObject o:
                sb.Append('{');
                for (var i = 0; i < o.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    sb.Append(o[i].Key).Append('=');
                    Append(sb, o[i].Value);
                }

                sb.Append('}');
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        sb.Append(", ");
                    Append(sb, a[i]);
                }

                sb.Append(']');
                break;
            default:
                sb.Append(ToJavaString(value));
                break;
        }
    }
}
