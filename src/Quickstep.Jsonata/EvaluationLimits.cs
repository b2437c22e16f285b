namespace Quickstep.Jsonata;

/// <summary>
/// Bounds that stop a hostile expression from holding a node. Exceeding either throws
/// <see cref="JsonataException"/> with code U1001 (as the JSONata test suite's depth/time guard does).
/// </summary>
public sealed record EvaluationLimits
{
    /// <summary>Default: 1,000 nested evaluations (tail calls do not nest).</summary>
    public int MaxDepth { get; init; } = 1000;

    /// <summary>Default: 10 seconds of evaluation.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Default: 32 Mi units, a unit being an item of an array or a character of a string the evaluation builds
    /// (counted as they are built, so garbage counts too): bounds the memory one evaluation can take.
    /// </summary>
    public long MaxAllocation { get; init; } = 32L * 1024 * 1024;

    public static EvaluationLimits Default { get; } = new();
}
