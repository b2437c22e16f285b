namespace Quickstep.Cli;

/// <summary>The parsed arguments of `quickstep bench` (see <see cref="BenchCommand"/>).</summary>
internal sealed class BenchArguments
{
    public required string DefinitionFile { get; init; }

    public required string InputFile { get; init; }

    /// <summary>Measured seconds. Default 5.</summary>
    public double Seconds { get; init; } = 5;

    /// <summary>Warm-up seconds, run before measuring and not counted. Default 1.</summary>
    public double Warmup { get; init; } = 1;

    /// <summary>Execution loops running at once. Default 1.</summary>
    public int Concurrency { get; init; } = 1;

    public string? MockConfig { get; init; }

    public string? TestCase { get; init; }

    public bool EchoFunctions { get; init; }

    /// <summary>Record every history event (log level ALL); default off.</summary>
    public bool History { get; init; }

    /// <summary>Record every span with an in-process listener; default off (nothing listens, as in production without OTLP).</summary>
    public bool Trace { get; init; }

    public string? Name { get; init; }
}
