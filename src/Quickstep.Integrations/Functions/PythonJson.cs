using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// JSON text as Python's <c>json.dumps</c> writes it (separators <c>", "</c>/<c>": "</c>, ASCII only):
/// the form AWS Lambda's Python runtime puts on the wire, which the recordings show verbatim in
/// Lambda-ARN error causes and as lambda:invoke's Content-Length.
/// </summary>
internal static class PythonJson
{
    public static string Serialize(JValue value)
    {
        var builder = new StringBuilder(64);
        Write(builder, value);
        return builder.ToString();
    }

    /// <summary>The byte length of <see cref="Serialize"/> (ASCII, so characters = bytes), without building it.</summary>
    public static int Length(JValue value)
    {
        switch (value)
        {
            case JString s:
                return StringLength(s.Value);
            case JNumber n:
                return n.ToJsonText().Length;
            case JArray a:
                {
                    var length = 2 + (a.Count > 1 ? (a.Count - 1) * 2 : 0);
                    foreach (var item in a.AsSpan())
                        length += Length(item);
                    return length;
                }
            case JObject o:
                {
                    var length = 2 + (o.Count > 1 ? (o.Count - 1) * 2 : 0);
                    foreach (var property in o.AsSpan())
                        length += StringLength(property.Key) + 2 + Length(property.Value);
                    return length;
                }
            default:
                return value.Kind switch
                {
                    JKind.True => 4,
                    JKind.False => 5,
                    _ => 4,
                };
        }
    }

    private static void Write(StringBuilder builder, JValue value)
    {
        switch (value)
        {
            case JString s:
                WriteString(builder, s.Value);
                break;
            case JNumber n:
                builder.Append(n.ToJsonText());
                break;
            case JArray a:
                builder.Append('[');
                for (var i = 0; i < a.Count; i++)
                {
                    if (i > 0)
                        builder.Append(", ");
                    Write(builder, a[i]);
                }

                builder.Append(']');
                break;
            case JObject o:
                builder.Append('{');
                for (var i = 0; i < o.Count; i++)
                {
                    if (i > 0)
                        builder.Append(", ");
                    WriteString(builder, o[i].Key);
                    builder.Append(": ");
                    Write(builder, o[i].Value);
                }

                builder.Append('}');
                break;
            default:
                builder.Append(value.Kind switch
                {
                    JKind.True => "true",
                    JKind.False => "false",
                    _ => "null",
                });
                break;
        }
    }

    private static void WriteString(StringBuilder builder, string text)
    {
        builder.Append('"');
        foreach (var c in text)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                case '\t': builder.Append("\\t"); break;
                case '\b': builder.Append("\\b"); break;
                case '\f': builder.Append("\\f"); break;
                default:
                    if (c < 0x20 || c > 0x7e && c != 0x7f)
                        builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else
                        builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }

    private static int StringLength(string text)
    {
        var length = 2;
        foreach (var c in text)
        {
            length += c switch
            {
                '"' or '\\' or '\n' or '\r' or '\t' or '\b' or '\f' => 2,
                _ when c < 0x20 || c > 0x7e && c != 0x7f => 6,
                _ => 1,
            };
        }

        return length;
    }
}
