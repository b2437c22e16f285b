namespace Quickstep.Asl.Model;

public sealed class Retrier
{
    public required string Pointer { get; init; }

    public required IReadOnlyList<string> ErrorEquals { get; init; }

    /// <summary>Default 1.</summary>
    public int IntervalSeconds { get; init; } = 1;

    /// <summary>Default 3; 0 means never retry.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>Default 2.0.</summary>
    public double BackoffRate { get; init; } = 2.0;

    public int? MaxDelaySeconds { get; init; }

    /// <summary>"FULL" or "NONE" (default).</summary>
    public string JitterStrategy { get; init; } = "NONE";

    public string? Comment { get; init; }
}
