using System.Globalization;
using System.Text;

namespace Quickstep.Json;

/// <summary>
/// Compact JSON text as AWS (Jackson) prints it: only '"', '\' and control characters are
/// escaped; every other character, including those outside the Basic Multilingual Plane, is
/// written as is (System.Text.Json's encoders always escape those).
/// </summary>
internal static class JsonWriter
{
    public static string Write(JValue value)
    {
        switch (value)
        {
            case JString s:
                {
                    var sb = new StringBuilder(s.Value.Length + 2);
                    AppendString(sb, s.Value);
                    return sb.ToString();
                }

            case JNumber n:
                return n.ToJsonText();
            case JObject or JArray:
                {
                    var sb = new StringBuilder(Math.Min(value.Utf8Size, 1 << 20));
                    Append(sb, value);
                    return sb.ToString();
                }

            default:
                return value.Kind switch { JKind.True => "true", JKind.False => "false", _ => "null" };
        }
    }

    public static void Append(StringBuilder sb, JValue value)
    {
        switch (value)
        {
            case JObject o:
                sb.Append('{');
                var first = true;
                foreach (var p in o.AsSpan())
                {
                    if (!first)
                        sb.Append(',');
                    first = false;
                    AppendString(sb, p.Key);
                    sb.Append(':');
                    Append(sb, p.Value);
                }

                sb.Append('}');
                break;
            case JArray a:
                sb.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        sb.Append(',');
                    Append(sb, a[i]);
                }

                sb.Append(']');
                break;
            case JString s:
                AppendString(sb, s.Value);
                break;
            case JNumber n:
                sb.Append(n.Text ?? (double.IsFinite(n.Value) ? JNumber.Format(n.Value) : "null"));
                break;
            default:
                sb.Append(value.Kind switch { JKind.True => "true", JKind.False => "false", _ => "null" });
                break;
        }
    }

    /// <summary>A quoted JSON string; <paramref name="lowerHex"/> writes \u escapes in lowercase hex (JSONata's $string, as JavaScript does).</summary>
    public static void AppendString(StringBuilder sb, string value, bool lowerHex = false)
    {
        sb.Append('"');
        var start = 0;
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c >= ' ' && c != '"' && c != '\\')
                continue;
            sb.Append(value, start, i - start);
            var escape = c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '\b' => "\\b",
                '\f' => "\\f",
                _ => null,
            };
            if (escape is not null)
                sb.Append(escape);
            else
                sb.Append("\\u").Append(((int)c).ToString(lowerHex ? "x4" : "X4", CultureInfo.InvariantCulture));

            start = i + 1;
        }

        sb.Append(value, start, value.Length - start);
        sb.Append('"');
    }
}
