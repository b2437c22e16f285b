namespace Quickstep.Jsonata;

/// <summary>
/// The non-deterministic inputs of the library ($now, $millis, $random, $uuid, $shuffle), injected so
/// tests and replays are deterministic.
/// </summary>
public interface IJsonataServices
{
    /// <summary>Read once per evaluation: $now() and $millis() agree within one evaluation.</summary>
    DateTimeOffset UtcNow { get; }

    /// <summary>A uniformly distributed double in [0, 1).</summary>
    double NextDouble();

    /// <summary>A random (version 4) UUID.</summary>
    Guid NewGuid();

    /// <summary>The host's stop signal for evaluations that use these services (default: none).</summary>
    IEvaluationGuard? Guard => null;
}
