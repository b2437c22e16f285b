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
        // Relative directories are relative to the file that names them, not to wherever the server was started.
        var baseDir = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        // A record copy: every section the file has is kept; only the relative paths are rewritten.
        return config with
        {
            DataDirectory = config.DataDirectory is { } dir ? Path.GetFullPath(Path.Combine(baseDir, dir)) : null,
            BaseDirectory = baseDir,
            Glue = new GlueConfig { ScriptRoots = [.. config.Glue.ScriptRoots.Select(r => Path.GetFullPath(Path.Combine(baseDir, r)))] },
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
            if (!Object(root, string.Empty, ["$schema", "credentials", "allowedHosts", "dataDirectory", "store", "services", "resources", "webhooks", "glue", "telemetry", "logging", "http", "functions"]))
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

            var allowedHosts = new List<string>();
            if (root.TryGetProperty("allowedHosts", out var hosts) && Array(hosts, "/allowedHosts"))
            {
                var i = 0;
                foreach (var item in hosts.EnumerateArray())
                {
                    if (String(item, $"/allowedHosts/{i++}") is { Length: > 0 } host)
                        allowedHosts.Add(host);
                }
            }

            string? store = null;
            if (root.TryGetProperty("store", out var storeUrl))
                store = String(storeUrl, "/store");
            string? dataDirectory = null;
            if (root.TryGetProperty("dataDirectory", out var dir))
                dataDirectory = String(dir, "/dataDirectory");
            if (root.TryGetProperty("$schema", out var schema))
                String(schema, "/$schema");

            var services = new Dictionary<string, ServiceConfig>(StringComparer.Ordinal);
            // Besides the built-in services, any AWS service's signing name (its Task calls are forwarded: docs/configuration.md).
            if (root.TryGetProperty("services", out var map) && Object(map, "/services", ServiceNames, static n => Quickstep.Integrations.AwsSdk.AwsServiceModels.ForSigningName(n) is not null))
            {
                foreach (var property in map.EnumerateObject())
                {
                    if ((ServiceNames.Contains(property.Name) || Quickstep.Integrations.AwsSdk.AwsServiceModels.ForSigningName(property.Name) is not null) && Service(property.Value, "/services/" + JsonPositions.Escape(property.Name)) is { } service)
                        services[property.Name] = service;
                }
            }

            var resources = root.TryGetProperty("resources", out var r) ? Resources(r, "/resources") : new ResourcesConfig();
            var webhooks = root.TryGetProperty("webhooks", out var w) ? Webhooks(w, "/webhooks") : [];
            var glue = root.TryGetProperty("glue", out var g) ? Glue(g, "/glue") : new GlueConfig();
            var telemetry = root.TryGetProperty("telemetry", out var t) ? Telemetry(t, "/telemetry") : TelemetryConfig.None;
            var json = root.TryGetProperty("logging", out var l) && Logging(l, "/logging");
            var http = root.TryGetProperty("http", out var h) ? Http(h, "/http") : new HttpConfig();
            var functions = root.TryGetProperty("functions", out var f) ? Functions(f) : [];
            return new QuickstepConfig { Credentials = credentials, AllowedHosts = allowedHosts, DataDirectory = dataDirectory, Store = store, Services = services, Resources = resources, Webhooks = webhooks, Glue = glue, Telemetry = telemetry, JsonLogs = json, Http = http, Functions = functions };
        }

        private HttpConfig Http(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["allowedHosts"]))
                return new HttpConfig();
            var hosts = new List<string>();
            if (element.TryGetProperty("allowedHosts", out var list) && Array(list, pointer + "/allowedHosts"))
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    var itemPointer = $"{pointer}/allowedHosts/{i++}";
                    if (String(item, itemPointer) is { } host)
                    {
                        if (host.Trim().Length == 0 || host.Contains('/', StringComparison.Ordinal))
                            Error(itemPointer, $"must be a host name, host:port, *.domain or *, not '{host}'");
                        else
                            hosts.Add(host.Trim());
                    }
                }
            }

            return new HttpConfig { AllowedHosts = hosts };
        }

        private GlueConfig Glue(JsonElement element, string pointer)
        {
            var roots = new List<string>();
            if (Object(element, pointer, ["scriptRoots"]) && element.TryGetProperty("scriptRoots", out var list) && Array(list, pointer + "/scriptRoots"))
            {
                var i = 0;
                foreach (var item in list.EnumerateArray())
                {
                    if (String(item, $"{pointer}/scriptRoots/{i++}") is { } root)
                    {
                        if (root.Length == 0)
                            Error($"{pointer}/scriptRoots/{i - 1}", "must be a directory, not an empty string");
                        else
                            roots.Add(root);
                    }
                }
            }

            return new GlueConfig { ScriptRoots = roots };
        }

        private TelemetryConfig Telemetry(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["serviceName", "otlp"]))
                return TelemetryConfig.None;
            var serviceName = element.TryGetProperty("serviceName", out var n) ? String(n, pointer + "/serviceName") : null;
            if (!element.TryGetProperty("otlp", out var otlp))
                return new TelemetryConfig { ServiceName = serviceName ?? "quickstep" };
            var p = pointer + "/otlp";
            if (!Object(otlp, p, ["endpoint", "protocol", "traces", "metrics"]))
                return TelemetryConfig.None;
            Uri? endpoint = null;
            if (Required(otlp, p, "endpoint") is { } text && (!Uri.TryCreate(text, UriKind.Absolute, out endpoint) || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps)))
            {
                Error(p + "/endpoint", $"must be an absolute http:// or https:// URL, not '{text}'");
                endpoint = null;
            }

            var protocol = otlp.TryGetProperty("protocol", out var pr) ? String(pr, p + "/protocol") : null;
            if (protocol is not null and not ("grpc" or "http/protobuf"))
                Error(p + "/protocol", $"must be 'grpc' or 'http/protobuf', not '{protocol}'");
            return new TelemetryConfig
            {
                OtlpEndpoint = endpoint,
                OtlpProtocol = protocol ?? "grpc",
                Traces = !otlp.TryGetProperty("traces", out var tr) || Boolean(tr, p + "/traces"),
                Metrics = !otlp.TryGetProperty("metrics", out var m) || Boolean(m, p + "/metrics"),
                ServiceName = serviceName ?? "quickstep",
            };
        }

        /// <summary>True for JSON lines.</summary>
        private bool Logging(JsonElement element, string pointer)
        {
            if (!Object(element, pointer, ["format"]) || !element.TryGetProperty("format", out var f))
                return false;
            var format = String(f, pointer + "/format");
            if (format is not null and not ("json" or "text"))
                Error(pointer + "/format", $"must be 'json' or 'text', not '{format}'");
            return format == "json";
        }

        private bool Boolean(JsonElement element, string pointer)
        {
            if (element.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return element.GetBoolean();
            Error(pointer, $"must be a boolean, not {Kind(element)}");
            return false;
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

        private List<WebhookConfig> Webhooks(JsonElement element, string pointer)
        {
            var result = new List<WebhookConfig>();
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(pointer, $"must be an object of webhooks by name, not {Kind(element)}");
                return result;
            }

            foreach (var property in element.EnumerateObject())
            {
                var p = pointer + "/" + JsonPositions.Escape(property.Name);
                var hook = property.Value;
                if (!Object(hook, p, ["stateMachineArn", "mode", "includeHeaders", "includeQueryString", "failureStatus", "secret", "signatureHeader", "maxBodyBytes"]))
                    continue;
                var arn = Required(hook, p, "stateMachineArn");
                var mode = hook.TryGetProperty("mode", out var m) ? String(m, p + "/mode") : "async";
                if (mode is not ("sync" or "async"))
                    Error(p + "/mode", $"must be \"sync\" or \"async\", not '{mode}'");
                var webhook = new WebhookConfig
                {
                    Name = property.Name,
                    StateMachineArn = arn ?? "",
                    Sync = mode == "sync",
                    IncludeHeaders = Bool(hook, p, "includeHeaders") ?? false,
                    IncludeQueryString = Bool(hook, p, "includeQueryString") ?? false,
                    FailureStatus = Int(hook, p, "failureStatus", 400, 599) ?? 500,
                    Secret = hook.TryGetProperty("secret", out var sec) ? String(sec, p + "/secret") : null,
                    SignatureHeader = (hook.TryGetProperty("signatureHeader", out var h) ? String(h, p + "/signatureHeader") : null) ?? "X-Hub-Signature-256",
                    MaxBodyBytes = Int(hook, p, "maxBodyBytes", 1, 256 * 1024 * 1024) ?? 256 * 1024,
                };
                if (arn is not null)
                    result.Add(webhook);
            }

            return result;
        }

        private bool? Bool(JsonElement parent, string pointer, string member)
        {
            if (!parent.TryGetProperty(member, out var value))
                return null;
            if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
                return value.GetBoolean();
            Error(pointer + "/" + member, $"must be true or false, not {Kind(value)}");
            return null;
        }

        private int? Int(JsonElement parent, string pointer, string member, int min, int max)
        {
            if (!parent.TryGetProperty(member, out var value))
                return null;
            if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) && n >= min && n <= max)
                return n;
            Error(pointer + "/" + member, $"must be an integer from {min} to {max}");
            return null;
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

        private bool Object(JsonElement element, string pointer, IReadOnlyList<string> members, Func<string, bool>? alsoAllowed = null)
        {
            if (element.ValueKind != JsonValueKind.Object)
            {
                Error(pointer, $"must be an object, not {Kind(element)}");
                return false;
            }

            foreach (var property in element.EnumerateObject())
            {
                if (!members.Contains(property.Name) && alsoAllowed?.Invoke(property.Name) != true)
                    Error(pointer + "/" + JsonPositions.Escape(property.Name), $"unknown member '{property.Name}'; expected one of: {string.Join(", ", members)}{(alsoAllowed is null ? string.Empty : ", or another AWS service's signing name")}");
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
