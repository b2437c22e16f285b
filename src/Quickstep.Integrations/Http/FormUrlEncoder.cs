using System.Text;
using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>
/// A JSON request body as <c>application/x-www-form-urlencoded</c> (Transform.RequestBodyEncoding URL_ENCODED): nested
/// objects as <c>a[b]=c</c>, arrays per <c>RequestEncodingOptions.ArrayFormat</c> (INDICES <c>a[0]=x&amp;a[1]=y</c>, the
/// default; REPEAT <c>a=x&amp;a=y</c>; COMMAS <c>a=x,y</c>; BRACKETS <c>a[]=x&amp;a[]=y</c>).
/// </summary>
internal static class FormUrlEncoder
{
    public const string Indices = "INDICES";
    public const string Repeat = "REPEAT";
    public const string Commas = "COMMAS";
    public const string Brackets = "BRACKETS";

    public static bool IsArrayFormat(string format) => format is Indices or Repeat or Commas or Brackets;

    public static string Encode(JObject body, string arrayFormat)
    {
        var text = new StringBuilder();
        foreach (var (key, value) in body)
            Append(text, key, value, arrayFormat);
        return text.ToString();
    }

    private static void Append(StringBuilder text, string key, JValue value, string arrayFormat)
    {
        switch (value)
        {
            case JObject o:
                foreach (var (k, v) in o)
                    Append(text, key + "[" + k + "]", v, arrayFormat);
                break;
            case JArray a when arrayFormat == Commas:
                AppendPair(text, key, string.Join(",", a.Select(i => Uri.EscapeDataString(Scalar(i)))), valueEncoded: true);
                break;
            case JArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var name = arrayFormat switch
                    {
                        Repeat => key,
                        Brackets => key + "[]",
                        _ => key + "[" + i.ToString(System.Globalization.CultureInfo.InvariantCulture) + "]",
                    };
                    Append(text, name, a[i], arrayFormat);
                }

                break;
            default:
                AppendPair(text, key, Scalar(value));
                break;
        }
    }

    /// <summary>Appends <c>key=value</c>, after a <c>&amp;</c> unless it is the first, each percent-encoded (the value unless <paramref name="valueEncoded"/>).</summary>
    public static void AppendPair(StringBuilder text, string key, string value, bool valueEncoded = false)
    {
        if (text.Length > 0)
            text.Append('&');
        text.Append(Uri.EscapeDataString(key)).Append('=').Append(valueEncoded ? value : Uri.EscapeDataString(value));
    }

    /// <summary>A scalar as text: a string as is, null as nothing, anything else as its JSON.</summary>
    public static string Scalar(JValue value) => value switch
    {
        JString s => s.Value,
        JNull => string.Empty,
        _ => JsonText.Serialize(value),
    };
}
