namespace Quickstep.Asl.Compilation;

/// <summary>System randomness and the given clock; tests pass a fixed seed and a fake clock.</summary>
public sealed class DefaultEvaluationServices : IEvaluationServices
{
    private readonly Random _random;
    private readonly TimeProvider _time;

    public DefaultEvaluationServices(TimeProvider? time = null, int? seed = null)
    {
        _time = time ?? TimeProvider.System;
        _random = seed is int s ? new Random(s) : Random.Shared;
    }

    public static DefaultEvaluationServices Shared { get; } = new();

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    public Guid NewGuid() => Guid.NewGuid();

    public double NextDouble() => _random.NextDouble();
}
