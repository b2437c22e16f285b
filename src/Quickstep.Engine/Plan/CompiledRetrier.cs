namespace Quickstep.Engine.Plan;

/// <summary>A Retrier: which errors, how many attempts, and the delay before attempt n.</summary>
internal sealed class CompiledRetrier
{
    public CompiledRetrier(Retrier model)
    {
        ErrorEquals = [.. model.ErrorEquals];
        IntervalSeconds = model.IntervalSeconds;
        MaxAttempts = model.MaxAttempts;
        BackoffRate = model.BackoffRate;
        MaxDelaySeconds = model.MaxDelaySeconds;
        FullJitter = string.Equals(model.JitterStrategy, "FULL", StringComparison.Ordinal);
    }

    public string[] ErrorEquals { get; }

    public int IntervalSeconds { get; }

    public int MaxAttempts { get; }

    public double BackoffRate { get; }

    public int? MaxDelaySeconds { get; }

    public bool FullJitter { get; }

    /// <summary>
    /// Delay before retry <paramref name="attempt"/> (1-based): IntervalSeconds × BackoffRate^(attempt-1),
    /// capped by MaxDelaySeconds, then with FULL jitter a uniform draw in [0, delay].
    /// </summary>
    public TimeSpan Delay(int attempt, double random)
    {
        var seconds = IntervalSeconds * Math.Pow(BackoffRate, attempt - 1);
        if (MaxDelaySeconds is int max && seconds > max)
            seconds = max;
        if (FullJitter)
            seconds *= random;
        return TimeSpan.FromSeconds(Math.Min(seconds, 99999999));
    }
}
