namespace Quickstep.Storage;

/// <summary>How long finished executions (with history and logs) are kept, and how often the purge runs.</summary>
public sealed class RetentionOptions
{
    /// <summary>Default 90 days, as AWS keeps execution history.</summary>
    public TimeSpan Period { get; init; } = TimeSpan.FromDays(90);

    /// <summary>Default 1 hour.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromHours(1);
}
