namespace Quickstep.Storage;

/// <summary>A state machine as stored; configuration objects are kept as the JSON text the API received.</summary>
public sealed record StateMachineRecord
{
    public required string Arn { get; init; }

    public required string Name { get; init; }

    public required string Definition { get; init; }

    public required string RoleArn { get; init; }

    /// <summary>"EXPRESS" (or "STANDARD").</summary>
    public required string Type { get; init; }

    /// <summary>The loggingConfiguration object as JSON text.</summary>
    public required string LoggingConfiguration { get; init; }

    /// <summary>The tracingConfiguration object as JSON text.</summary>
    public required string TracingConfiguration { get; init; }

    /// <summary>Changes on every update; "INITIAL" semantics are the host's business.</summary>
    public required string RevisionId { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public DateTimeOffset? UpdateDate { get; init; }
}
