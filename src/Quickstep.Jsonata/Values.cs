using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>JSONata's value rules: truthiness, equality, numbers, and $string's JSON text.</summary>
internal static class Values
{
    public static bool? Boolean(JValue? v)
    {
        switch (v)
        {
            case null:
                return null;
            case JsonataFunction:
                return false;
            case Seq s:
                {
                    if (s.Count == 0)
                        return false;
                    if (s.Count == 1)
                        return Boolean(s.Items[0]);
                    foreach (var item in s.Items)
                    {
                        if (Boolean(item) == true)
                            return true;
                    }

                    return false;
                }

            case JArray a:
                {
                    if (a.Count == 0)
                        return false;
                    if (a.Count == 1)
                        return Boolean(a[0]);
                    foreach (var item in a.AsSpan())
                    {
                        if (Boolean(item) == true)
                            return true;
                    }

                    return false;
                }

            case JString str:
                return str.Value.Length > 0;
            case JNumber n:
                return n.Value != 0;
            case JBool b:
                return b.Value;
            case JObject o:
                return o.Count > 0;
            case TupleSeq t:
                return t.Items.Count > 0;
            default:
                return false;
        }
    }

    /// <summary>The longest string an expression may build (a doubling loop would otherwise exhaust memory before the deadline).</summary>
    public const int MaxStringLength = 16 * 1024 * 1024;

    /// <summary>The most items an array built by an expression may hold (as the range operator allows).</summary>
    public const int MaxArrayLength = 10_000_000;

    public static JString CheckedString(string s) =>
        s.Length <= MaxStringLength ? JString.Create(s) : throw new JsonataException("U1001", "String result too large: more than " + MaxStringLength + " characters");

    public static void CheckArrayLength(long n)
    {
        if (n > MaxArrayLength)
            throw new JsonataException("U1001", "Array result too large: more than " + MaxArrayLength + " items");
    }

    public static bool IsNumeric(JValue? v)
    {
        if (v is not JNumber n || double.IsNaN(n.Value))
            return false;
        if (double.IsInfinity(n.Value))
            throw new JsonataException("D1001", "Number out of range: " + JsNumber.ToString(n.Value));
        return true;
    }

    public static bool IsInteger(JValue? v) => v is JNumber n && double.IsFinite(n.Value) && Math.Floor(n.Value) == n.Value;

    public static bool DeepEquals(JValue a, JValue b)
    {
        if (ReferenceEquals(a, b))
            return true;
        if (a is IReadOnlyList<JValue> la && b is IReadOnlyList<JValue> lb)
        {
            if (la.Count != lb.Count)
                return false;
            for (var i = 0; i < la.Count; i++)
            {
                var x = la[i];
                var y = lb[i];
                if (x is null || y is null)
                {
                    if (!ReferenceEquals(x, y))
                        return false;
                }
                else if (!DeepEquals(x, y))
                {
                    return false;
                }
            }

            return true;
        }

        if (a is JObject oa && b is JObject ob)
        {
            if (oa.Count != ob.Count)
                return false;
            foreach (var p in oa.AsSpan())
            {
                if (!ob.TryGetValue(p.Key, out var other) || !DeepEquals(p.Value, other))
                    return false;
            }

            return true;
        }

        return StrictEquals(a, b);
    }

    public static bool StrictEquals(JValue a, JValue b) => a switch
    {
        JNumber na => b is JNumber nb && na.Value == nb.Value,
        JString sa => b is JString sb && string.Equals(sa.Value, sb.Value, StringComparison.Ordinal),
        JBool ba => b is JBool bb && ba.Value == bb.Value,
        JNull => b is JNull,
        _ => ReferenceEquals(a, b),
    };

    /// <summary>$string: strings as is, functions as "", numbers to 15 significant digits, everything else as JSON.</summary>
    public static string FnString(JValue v, bool pretty = false)
    {
        if (v is JString s)
            return s.Value;
        if (v is JsonataFunction)
            return string.Empty;
        if (v is JNumber n && !double.IsFinite(n.Value))
            throw new JsonataException("D3001", "Attempting to invoke string function on Infinity or NaN");
        var sb = new StringBuilder();
        Stringify(v, sb, pretty, 0);
        return sb.ToString();
    }

    public static string NumberToString(double d)
    {
        if (Math.Floor(d) == d)
            return JsNumber.ToString(d);
        var p = double.Parse(d.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return JsNumber.ToString(p);
    }

    private static void Stringify(JValue? v, StringBuilder sb, bool pretty, int indent)
    {
        switch (v)
        {
            case null:
            case JNull:
                sb.Append("null");
                return;
            case JsonataFunction:
                sb.Append("\"\"");
                return;
            case JBool b:
                sb.Append(b.Value ? "true" : "false");
                return;
            case JNumber n:
                if (!double.IsFinite(n.Value))
                    throw new JsonataException("D1001", "Number out of range: " + JsNumber.ToString(n.Value));
                sb.Append(NumberToString(n.Value));
                return;
            case JString s:
                Quote(s.Value, sb);
                return;
            case JObject o:
                {
                    if (o.Count == 0)
                    {
                        sb.Append("{}");
                        return;
                    }

                    sb.Append('{');
                    var first = true;
                    foreach (var p in o.AsSpan())
                    {
                        if (!first)
                            sb.Append(',');
                        first = false;
                        if (pretty)
                            sb.Append('\n').Append(' ', (indent + 1) * 2);
                        Quote(p.Key, sb);
                        sb.Append(pretty ? ": " : ":");
                        Stringify(p.Value, sb, pretty, indent + 1);
                    }

                    if (pretty)
                        sb.Append('\n').Append(' ', indent * 2);
                    sb.Append('}');
                    return;
                }

            case IReadOnlyList<JValue> list:
                {
                    if (list.Count == 0)
                    {
                        sb.Append("[]");
                        return;
                    }

                    sb.Append('[');
                    for (var i = 0; i < list.Count; i++)
                    {
                        if (i > 0)
                            sb.Append(',');
                        if (pretty)
                            sb.Append('\n').Append(' ', (indent + 1) * 2);
                        Stringify(list[i], sb, pretty, indent + 1);
                    }

                    if (pretty)
                        sb.Append('\n').Append(' ', indent * 2);
                    sb.Append(']');
                    return;
                }

            default:
                sb.Append("null");
                return;
        }
    }

    public static void Quote(string s, StringBuilder sb) => JsonWriter.AppendString(sb, s, lowerHex: true);
}
