namespace Quickstep.Storage;

/// <summary>An immutable published version of a state machine.</summary>
public sealed record StateMachineVersionRecord
{
    public required string Arn { get; init; }

    public required string StateMachineArn { get; init; }

    public required int Version { get; init; }

    public required string Definition { get; init; }

    public required string RoleArn { get; init; }

    public required string LoggingConfiguration { get; init; }

    public required string TracingConfiguration { get; init; }

    public required string RevisionId { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreationDate { get; init; }
}
