namespace Quickstep.Engine.Testing;

/// <summary>Which Retrier or Catcher matched the tested state's error, and the backoff a retry would wait.</summary>
public sealed class ErrorDetails
{
    public int? RetryIndex { get; internal set; }

    public int? RetryBackoffIntervalSeconds { get; internal set; }

    public int? CatchIndex { get; internal set; }
}
