namespace Quickstep.Storage;

/// <summary>One entry of an alias's routing configuration: a version and its weight (0–100).</summary>
public sealed record RoutingEntry(string StateMachineVersionArn, int Weight);
