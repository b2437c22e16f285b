using Quickstep.Aws.Signing;
using Quickstep.Integrations.Functions;

namespace Quickstep.Server.Hosting;

/// <summary>The configuration file of <c>quickstep serve --config FILE</c> (docs/configuration.md, docs/quickstep-config.schema.json).</summary>
public sealed record QuickstepConfig
{
    public static QuickstepConfig Empty { get; } = new();

    /// <summary>Keys the server accepts; when any is given, every AWS API request must be signed with one of them.</summary>
    public IReadOnlyList<AwsCredentials> Credentials { get; init; } = [];

    /// <summary>Host names a loopback-only server answers besides localhost and loopback addresses.</summary>
    public IReadOnlyList<string> AllowedHosts { get; init; } = [];

    /// <summary>Where the store and the services' files live; null: the command line's (or default) database path.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>"store": a PostgreSQL URL shared by the nodes of a cluster (as <c>--store</c>); null for the SQLite file.</summary>
    public string? Store { get; init; }

    /// <summary>Per service signing name (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>, …): where its Task calls go.</summary>
    public IReadOnlyDictionary<string, ServiceConfig> Services { get; init; } = new Dictionary<string, ServiceConfig>();

    /// <summary>Resources to create at start.</summary>
    public ResourcesConfig Resources { get; init; } = new();

    /// <summary>Webhooks: <c>POST /webhooks/{name}</c> starts a state machine.</summary>
    public IReadOnlyList<WebhookConfig> Webhooks { get; init; } = [];
    /// <summary>The Glue service's settings (script roots).</summary>
    public GlueConfig Glue { get; init; } = new();

    /// <summary>OTLP export of traces and metrics; none by default.</summary>
    public TelemetryConfig Telemetry { get; init; } = TelemetryConfig.None;

    /// <summary>True for <c>"logging": {"format": "json"}</c>: one JSON object per log line, with the execution ARN in its scope.</summary>
    public bool JsonLogs { get; init; }

    /// <summary>What HTTP Tasks may call.</summary>
    public HttpConfig Http { get; init; } = new();

    /// <summary>The <c>functions</c> section: name or ARN → how the function runs (docs/functions.md).</summary>
    public IReadOnlyList<KeyValuePair<string, FunctionDefinition>> Functions { get; init; } = [];

    /// <summary>The directory of the file, which relative paths in it (code directories, commands) are relative to; null: the current one.</summary>
    public string? BaseDirectory { get; init; }
}
