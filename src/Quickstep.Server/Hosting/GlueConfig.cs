namespace Quickstep.Server.Hosting;

/// <summary>The <c>glue</c> section of the configuration file: where local job scripts may live.</summary>
public sealed class GlueConfig
{
    /// <summary>Directories (absolute once loaded) a job's local ScriptLocation may be in; none: only <c>s3://</c> scripts.</summary>
    public IReadOnlyList<string> ScriptRoots { get; init; } = [];
}
