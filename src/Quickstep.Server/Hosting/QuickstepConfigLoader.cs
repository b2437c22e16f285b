using System.Text.Json;
using Quickstep.Aws.Signing;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Reads and checks a configuration file (JSON; comments and trailing commas allowed). Every problem is reported, each
/// as <c>FILE:LINE:COLUMN: POINTER: message</c>; members the format does not define are refused.
/// </summary>
public static class QuickstepConfigLoader
{
    /// <summary>Service signing names a <c>services</c> entry may name.</summary>
    public static IReadOnlyList<string> ServiceNames { get; } = ["sqs", "sns", "events", "s3", "lambda", "glue", "scheduler", "pipes", "states"];

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip, MaxDepth = 64 };

    public static QuickstepConfig Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new QuickstepConfigException($"{path}: cannot read the configuration file: {e.Message}", e);
        }

        var config = Parse(bytes, path);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        // A relative data directory is relative to the file that names it, not to wherever the server was started.
        return new QuickstepConfig
        {
            Credentials = config.Credentials,
            DataDirectory = config.DataDirectory is { } dir && !Path.IsPathRooted(dir) ? Path.GetFullPath(Path.Combine(baseDirectory, dir)) : config.DataDirectory,
            Services = config.Services,
            Resources = config.Resources,
            Functions = config.Functions,
            BaseDirectory = baseDirectory,
        };
    }

    public static QuickstepConfig Parse(ReadOnlySpan<byte> utf8, string source = "config")
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new QuickstepConfigException($"{source}:{e.LineNumber + 1}:{e.BytePositionInLine + 1}: not valid JSON: {e.Message}", e);
        }

        using (document)
        {
            var reader = new Reader(source, new JsonPositions(utf8, new JsonReaderOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip }));
            var config = reader.Config(document.RootElement);
            if (reader.Errors.Count > 0)
                throw new QuickstepConfigException(string.Join(Environment.NewLine, reader.Errors));
            return config;
        }
    }

    /// <summary>Walks the document once, collecting every problem.</summary>
    private sealed class Reader(string source, JsonPositions positions)
    {
        public List<string> Errors { get; } = [];

        public QuickstepConfig Config(JsonElement root)
        {
            if (!Object(root, string.Empty, ["$schema", "credentials", "dataDirectory", "services", "resources", "functions"]))
                return QuickstepConfig.Empty;
            var credentials = new List<AwsCredentials>();
            if (root.TryGetProperty("credentials", out var list) && Array(list, "/credentials"))
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (Credentials(item, $"/credentials/{i++}") is { } c)
                        credentials.Add(c);
                }
            }

            string? dataDirectory = null;
            if (root.TryGetProperty("dataDirectory", out var dir))
                dataDirectory = String(dir, "/dataDirectory");
            if (root.TryGetProperty("$schema", out var schema))
                String(schema, "/$schema");

            var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
            if (root.TryGetProperty("services", out var map) && Object(map, "/services", ServiceNames))
            {
                foreach (var property in map.EnumerateObject())
                {
                    if (ServiceNames.Contains(property.Name) && Service(property.Value, "/services/" + JsonPositions.Escape(property.Name)) is { } service)
                        services[property.Name] = service;
                }
            }

            var resources = root.TryGetProperty("resources", out var r) ? Resources(r, "/resources") : new ResourcesConfig();
            var functions = root.TryGetProperty("functions", out var f) ? Functions(f) : [];
            return new QuickstepConfig { Credentials = credentials, DataDirectory = dataDirectory, Services = services, Resources = resources, Functions = functions };
        }

        /// <summary>The functions section, checked by the same reader as <c>--functions FILE</c>.</summary>
        private IReadOnlyList<KeyValuePair<string, FunctionDefinition>> Functions(JsonElement element)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
                element.WriteTo(writer);
            var problems = new List<string>();
            var functions = FunctionsFile.ReadSection(JsonText.Parse(buffer.ToArray()), problems);
            foreach (var problem in problems)
                Error("/functions", problem);
            return problems.Count == 0 ? functions : [];
        }

        private AwsCredentials? Credentials(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["accessKeyId", "secretAccessKey", "sessionToken"]))
                return null;
            var id = Required(element, pointer, "accessKeyId");
            var secret = Required(element, pointer, "secretAccessKey");
            var token = element.TryGetProperty("sessionToken", out var t) ? String(t, pointer + "/sessionToken") : null;
            return id is null || secret is null ? null : new AwsCredentials(id, secret, token);
        }

        private ServiceConfig? Service(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["endpoint", "region", "credentials"]))
                return null;
            Uri? endpoint = null;
            if (element.TryGetProperty("endpoint", out var e) && String(e, pointer + "/endpoint") is { } text)
            {
                if (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
                {
                    Error(pointer + "/endpoint", $"must be an absolute http:// or https:// URL, not '{text}'");
                    endpoint = null;
                }
            }

            var region = element.TryGetProperty("region", out var r) ? String(r, pointer + "/region") : null;
            var credentials = element.TryGetProperty("credentials", out var c) ? Credentials(c, pointer + "/credentials") : null;
            return new ServiceConfig { Endpoint = endpoint, Region = region, Credentials = credentials };
        }

        private ResourcesConfig Resources(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["queues", "topics", "subscriptions", "buses", "buckets"]))
                return new ResourcesConfig();
            return new ResourcesConfig
            {
                Queues = Named(element, pointer, "queues", withAttributes: true),
                Topics = Named(element, pointer, "topics", withAttributes: true),
                Subscriptions = Items(element, pointer, "subscriptions", Subscription),
                Buses = Named(element, pointer, "buses", withAttributes: false),
                Buckets = Named(element, pointer, "buckets", withAttributes: false),
            };
        }

        private List<NamedResource> Named(JsonElement parent, string pointer, string member, bool withAttributes) =>
            Items(parent, pointer, member, (item, p) =>
            {
                if (!Object(item, p, withAttributes ? ["name", "attributes", "tags"] : ["name", "tags"]))
                    return null;
                var name = Required(item, p, "name");
                var attributes = withAttributes && item.TryGetProperty("attributes", out var a) ? Strings(a, p + "/attributes") : Empty;
                var tags = item.TryGetProperty("tags", out var t) ? Strings(t, p + "/tags") : Empty;
                return name is null ? null : new NamedResource(name, attributes, tags);
            });

        private SubscriptionResource? Subscription(JsonElement item, string pointer)
        {
            if (!Object(item, pointer, ["topic", "protocol", "endpoint", "attributes"]))
                return null;
            var topic = Required(item, pointer, "topic");
            var protocol = Required(item, pointer, "protocol");
            var endpoint = Required(item, pointer, "endpoint");
            var attributes = item.TryGetProperty("attributes", out var a) ? Strings(a, pointer + "/attributes") : Empty;
            return topic is null || protocol is null || endpoint is null ? null : new SubscriptionResource(topic, protocol, endpoint, attributes);
        }

        private List<T> Items<T>(JsonElement parent, string pointer, string member, Func<JsonElement, string, T?> read)
            where T : class
        {
            var result = new List<T>();
            if (!parent.TryGetProperty(member, out var list) || !Array(list, pointer + "/" + member))
                return result;
            var i = 0;
            foreach (var item in list.EnumerateArray())
            {
                if (read(item, $"{pointer}/{member}/{i++}") is { } value)
                    result.Add(value);
            }

            return result;
        }

        private static readonly Dictionary<string, string> Empty = [];

        /// <summary>An object of string values; numbers and booleans are taken as their text, as the services' attributes are strings.</summary>
        private Dictionary<string, string> Strings(JsonElement element, string pointer)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(pointer, $"must be an object of strings, not {Kind(element)}");
                return result;
            }

            foreach (var property in element.EnumerateObject())
            {
                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        result[property.Name] = property.Value.GetString()!;
                        break;
                    case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                        result[property.Name] = property.Value.GetRawText();
                        break;
                    default:
                        Error(pointer + "/" + JsonPositions.Escape(property.Name), $"must be a string, not {Kind(property.Value)}");
                        break;
                }
            }

            return result;
        }

        private string? Required(JsonElement element, string pointer, string member)
        {
            if (element.TryGetProperty(member, out var value))
            {
                return String(value, pointer + "/" + member) switch
                {
                    null => null,
                    { Length: 0 } => Fail(pointer + "/" + member, "must not be empty"),
                    var s => s,
                };
            }

            Error(pointer, $"the member '{member}' is required");
            return null;
        }

        private string? Fail(string pointer, string message)
        {
            Error(pointer, message);
            return null;
        }

        private string? String(JsonElement element, string pointer)
        {
            if (element.ValueKind == JsonValueKind.String)
                return element.GetString();
            Error(pointer, $"must be a string, not {Kind(element)}");
            return null;
        }

        private bool Array(JsonElement element, string pointer)
        {
            if (element.ValueKind == JsonValueKind.Array)
                return true;
            Error(pointer, $"must be an array, not {Kind(element)}");
            return false;
        }

        private bool Object(JsonElement element, string pointer, IReadOnlyList<string> members)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(pointer, $"must be an object, not {Kind(element)}");
                return false;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!members.Contains(property.Name))
                    Error(pointer + "/" + JsonPositions.Escape(property.Name), $"unknown member '{property.Name}'; expected one of: {string.Join(", ", members)}");
            }

            return true;
        }

        private void Error(string pointer, string message) =>
            Errors.Add($"{source}:{positions.Locate(pointer)}: {(pointer.Length == 0 ? "/" : pointer)}: {message}");

        private static string Kind(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Object => "an object",
            JsonValueKind.Array => "an array",
            JsonValueKind.String => "a string",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "a boolean",
            _ => "null",
        };
    }
}
