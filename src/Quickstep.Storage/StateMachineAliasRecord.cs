namespace Quickstep.Storage;

/// <summary>A named pointer to one or two versions, with weights.</summary>
public sealed record StateMachineAliasRecord
{
    public required string Arn { get; init; }

    public required string StateMachineArn { get; init; }

    public required string Name { get; init; }

    public string? Description { get; init; }

    public required IReadOnlyList<RoutingEntry> RoutingConfiguration { get; init; }

    public required DateTimeOffset CreationDate { get; init; }

    public required DateTimeOffset UpdateDate { get; init; }
}
