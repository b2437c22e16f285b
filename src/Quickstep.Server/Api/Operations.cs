using System.Collections.Frozen;

namespace Quickstep.Server.Api;

/// <summary>The operations Quickstep serves, by their X-Amz-Target name (AWSStepFunctions.&lt;Name&gt;).</summary>
internal static class Operations
{
    public const string TargetPrefix = "AWSStepFunctions.";

    public static FrozenDictionary<string, Operation> All { get; } = new Dictionary<string, Operation>(StringComparer.Ordinal)
    {
        ["CreateStateMachine"] = StateMachineOperations.CreateAsync,
        ["DescribeStateMachine"] = StateMachineOperations.DescribeAsync,
        ["UpdateStateMachine"] = StateMachineOperations.UpdateAsync,
        ["DeleteStateMachine"] = StateMachineOperations.DeleteAsync,
        ["ListStateMachines"] = StateMachineOperations.ListAsync,
        ["ValidateStateMachineDefinition"] = StateMachineOperations.ValidateAsync,
        ["PublishStateMachineVersion"] = StateMachineOperations.PublishVersionAsync,
        ["ListStateMachineVersions"] = StateMachineOperations.ListVersionsAsync,
        ["DeleteStateMachineVersion"] = StateMachineOperations.DeleteVersionAsync,
        ["CreateStateMachineAlias"] = AliasOperations.CreateAsync,
        ["DescribeStateMachineAlias"] = AliasOperations.DescribeAsync,
        ["UpdateStateMachineAlias"] = AliasOperations.UpdateAsync,
        ["DeleteStateMachineAlias"] = AliasOperations.DeleteAsync,
        ["ListStateMachineAliases"] = AliasOperations.ListAsync,
        ["StartExecution"] = ExecutionOperations.StartAsync,
        ["StartSyncExecution"] = ExecutionOperations.StartSyncAsync,
        ["StopExecution"] = ExecutionOperations.StopAsync,
        ["DescribeExecution"] = ExecutionOperations.DescribeAsync,
        ["ListExecutions"] = ExecutionOperations.ListAsync,
        ["GetExecutionHistory"] = ExecutionOperations.HistoryAsync,
        ["DescribeStateMachineForExecution"] = ExecutionOperations.DescribeStateMachineForAsync,
        ["TestState"] = TestStateOperation.RunAsync,
        ["TagResource"] = TagOperations.TagAsync,
        ["UntagResource"] = TagOperations.UntagAsync,
        ["ListTagsForResource"] = TagOperations.ListAsync,
    }.ToFrozenDictionary(StringComparer.Ordinal);
}
