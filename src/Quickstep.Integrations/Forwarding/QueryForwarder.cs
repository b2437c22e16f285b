using System.Globalization;
using System.Text;
using System.Xml.Linq;
using Quickstep.Aws;
using Quickstep.Integrations.Http;
using Quickstep.Json;

namespace Quickstep.Integrations.Forwarding;

/// <summary>
/// Calls a service that speaks the query protocol (SNS) at a forwarding endpoint: the input flattened into a signed
/// form post (<c>Action</c>, <c>Version</c>, <c>A.B</c> for structures, <c>A.member.N</c> for lists,
/// <c>A.entry.N.key/value</c> for maps, <c>MessageAttributes.entry.N.Name/Value</c> as SNS names them); the XML answer's
/// <c>&lt;OperationResult&gt;</c> back to JSON (text as strings, <c>member</c> lists as arrays, <c>entry</c> maps as objects);
/// <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c> as the <see cref="AwsServiceException"/>.
/// </summary>
public sealed class QueryForwarder : IAwsService
{
    /// <summary>Members whose object value is a map, not a structure (SNS's attribute maps).</summary>
    private static readonly HashSet<string> MapMembers = new(StringComparer.Ordinal) { "Attributes", "MessageAttributes" };

    /// <summary>Output lists that come back as an empty element when they have no items.</summary>
    private static readonly HashSet<string> ListMembers = new(StringComparer.Ordinal)
    {
        "Topics", "Subscriptions", "Tags", "Successful", "Failed", "PhoneNumbers", "Endpoints", "PlatformApplications",
    };

    private readonly string _version;
    private readonly ForwardingHttp _http;

    /// <param name="version">The API version every request names, e.g. <c>2010-03-31</c> for SNS.</param>
    public QueryForwarder(string signingName, string version, ForwardingEndpoint target, HttpClient http, TimeProvider? time = null)
    {
        SigningName = signingName ?? throw new ArgumentNullException(nameof(signingName));
        _version = version ?? throw new ArgumentNullException(nameof(version));
        _http = new ForwardingHttp(signingName, target, http, time);
    }

    public string SigningName { get; }

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(input);
        var body = Encoding.UTF8.GetBytes(Form(operation, _version, input));
        var (response, bytes) = await _http.SendAsync(HttpMethod.Post, "/", body,
            "application/x-www-form-urlencoded; charset=utf-8", [], cancellationToken).ConfigureAwait(false);
        using (response)
        {
            XElement root;
            try
            {
                root = XElement.Parse(Encoding.UTF8.GetString(bytes));
            }
            catch (System.Xml.XmlException)
            {
                throw ForwardingHttp.Unrecognized(response);
            }

            if (!response.IsSuccessStatusCode)
            {
                var error = root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Error");
                var code = Child(error, "Code");
                if (code is null)
                    throw ForwardingHttp.Unrecognized(response);
                throw new AwsServiceException(code, Child(error, "Message") ?? string.Empty, (int)response.StatusCode, Child(error, "Type") != "Receiver");
            }

            var result = root.Elements().FirstOrDefault(e => e.Name.LocalName == operation + "Result");
            return result is null ? JObject.Empty : ToObject(result);
        }
    }

    /// <summary>The form body of one call: <c>Action=Op&amp;Version=V&amp;</c> and the flattened input.</summary>
    internal static string Form(string operation, string version, JObject input)
    {
        var pairs = new List<KeyValuePair<string, string>> { new("Action", operation), new("Version", version) };
        foreach (var (name, value) in input)
            Flatten(pairs, name, name, value);
        var sb = new StringBuilder();
        foreach (var (key, value) in pairs)
            FormUrlEncoder.AppendPair(sb, key, value);

        return sb.ToString();
    }

    private static void Flatten(List<KeyValuePair<string, string>> pairs, string prefix, string member, JValue value)
    {
        switch (value)
        {
            case JNull:
                return;
            case JString s:
                pairs.Add(new(prefix, s.Value));
                return;
            case JNumber n:
                pairs.Add(new(prefix, n.ToJsonText()));
                return;
            case JBool b:
                pairs.Add(new(prefix, b.Equals(JValue.True) ? "true" : "false"));
                return;
            case JArray a:
                for (var i = 0; i < a.Count; i++)
                    Flatten(pairs, $"{prefix}.member.{(i + 1).ToString(CultureInfo.InvariantCulture)}", "member", a[i]);
                return;
            case JObject o when MapMembers.Contains(member):
                var (keyName, valueName) = member == "MessageAttributes" ? ("Name", "Value") : ("key", "value");
                var index = 0;
                foreach (var (key, item) in o)
                {
                    var entry = $"{prefix}.entry.{(++index).ToString(CultureInfo.InvariantCulture)}";
                    pairs.Add(new($"{entry}.{keyName}", key));
                    Flatten(pairs, $"{entry}.{valueName}", valueName, item);
                }

                return;
            case JObject o:
                foreach (var (name, item) in o)
                    Flatten(pairs, $"{prefix}.{name}", name, item);
                return;
        }
    }

    private static JObject ToObject(XElement element)
    {
        var builder = new JObjectBuilder();
        foreach (var child in element.Elements())
            builder.Set(child.Name.LocalName, ToValue(child));
        return builder.Build();
    }

    private static JValue ToValue(XElement element)
    {
        var children = element.Elements().ToList();
        if (children.Count == 0)
            return ListMembers.Contains(element.Name.LocalName) && element.Value.Length == 0 ? JArray.Empty : JString.Create(element.Value);
        if (children.TrueForAll(c => c.Name.LocalName == "member"))
            return JArray.Own([.. children.Select(ToValue)]);
        if (children.TrueForAll(c => c.Name.LocalName == "entry"))
        {
            var map = new JObjectBuilder(children.Count);
            foreach (var entry in children)
            {
                var key = entry.Elements().FirstOrDefault(e => e.Name.LocalName is "key" or "Name")?.Value ?? string.Empty;
                var item = entry.Elements().FirstOrDefault(e => e.Name.LocalName is "value" or "Value");
                map.Set(key, item is null ? JValue.Null : ToValue(item));
            }

            return map.Build();
        }

        return ToObject(element);
    }

    private static string? Child(XElement? element, string name) =>
        element?.Elements().FirstOrDefault(e => e.Name.LocalName == name)?.Value;
}
