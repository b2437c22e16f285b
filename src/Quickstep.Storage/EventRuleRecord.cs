namespace Quickstep.Storage;

/// <summary>An EventBridge rule with its targets, kept as the JSON EventBridge describes it in (DescribeRule's members and <c>Targets</c>).</summary>
public sealed record EventRuleRecord
{
    public required string EventBusName { get; init; }

    public required string Name { get; init; }

    /// <summary>The rule: Name, Arn, EventPattern, ScheduleExpression, State, Description, RoleArn, EventBusName, Targets.</summary>
    public required string Json { get; init; }
}
