using Quickstep.Engine;
using Quickstep.Engine.History;

namespace Quickstep.Cli;

/// <summary>The parsed arguments of `quickstep run` (see <see cref="RunCommand"/>).</summary>
internal sealed class RunArguments
{
    public required string DefinitionFile { get; init; }

    public string? Input { get; init; }

    public string? InputFile { get; init; }

    public string? FunctionsFile { get; init; }

    /// <summary>A configuration file whose functions section answers Lambda tasks (--config).</summary>
    public string? ConfigFile { get; init; }

    public string? MockConfig { get; init; }

    public string? TestCase { get; init; }

    public string? Name { get; init; }

    public bool FastClock { get; init; }

    public bool History { get; init; }

    /// <summary>Express log level for the log records (--log-level); null when no log was asked for.</summary>
    public ExecutionLogLevel? LogLevel { get; init; }

    /// <summary>A JSON-lines file the log records are appended to; null writes them to stdout.</summary>
    public string? LogFile { get; init; }

    /// <summary>Keep input and output in the log records (AWS's includeExecutionData).</summary>
    public bool IncludeExecutionData { get; init; }

    /// <summary>EXPRESS (default) or STANDARD: the ARN shapes and creation rules of that type.</summary>
    public StateMachineType Type { get; init; } = StateMachineType.Express;
}
