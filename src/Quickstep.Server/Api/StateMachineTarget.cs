namespace Quickstep.Server.Api;

/// <summary>A parsed state machine ARN: the unqualified machine, and a version number or an alias name.</summary>
internal sealed record StateMachineTarget(string StateMachineArn, string Name, int? Version, string? Alias)
{
    public string Arn => Version is { } v ? $"{StateMachineArn}:{v}" : Alias is { } a ? $"{StateMachineArn}:{a}" : StateMachineArn;
}
