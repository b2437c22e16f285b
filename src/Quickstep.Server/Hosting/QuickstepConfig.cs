using Quickstep.Aws.Signing;
using Quickstep.Integrations.Functions;

namespace Quickstep.Server.Hosting;

/// <summary>The configuration file of <c>quickstep serve --config FILE</c> (docs/configuration.md, docs/quickstep-config.schema.json).</summary>
public sealed class QuickstepConfig
{
    public static QuickstepConfig Empty { get; } = new();

    /// <summary>Keys the server accepts; when any is given, every AWS API request must be signed with one of them.</summary>
    public IReadOnlyList<AwsCredentials> Credentials { get; init; } = [];

    /// <summary>Where the store and the services' files live; null: the command line's (or default) database path.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>Per service signing name (<c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>, …): where its Task calls go.</summary>
    public IReadOnlyDictionary<string, ServiceConfig> Services { get; init; } = new Dictionary<string, ServiceConfig>();

    /// <summary>Resources to create at start.</summary>
    public ResourcesConfig Resources { get; init; } = new();

    /// <summary>The <c>functions</c> section: name or ARN → how the function runs (docs/functions.md).</summary>
    public IReadOnlyList<KeyValuePair<string, FunctionDefinition>> Functions { get; init; } = [];

    /// <summary>The directory of the file, which relative paths in it (code directories, commands) are relative to; null: the current one.</summary>
    public string? BaseDirectory { get; init; }
}
