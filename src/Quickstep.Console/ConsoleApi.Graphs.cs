using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Quickstep.Graph;
using Quickstep.Storage;

namespace Quickstep.WebConsole;

/// <summary>The graph endpoints: a state machine's (or version's) graph, and an execution's graph with what ran (Quickstep.Graph).</summary>
internal sealed partial class ConsoleApi
{
    private async Task<JsonNode> GraphAsync(IQueryCollection query, CancellationToken ct)
    {
        var arn = Required(query, "stateMachineArn");
        var store = _options.Store;
        string? definition = null;
        if (await store.GetStateMachineAsync(arn, ct).ConfigureAwait(false) is { } machine)
            definition = machine.Definition;
        else if (await store.GetVersionAsync(arn, ct).ConfigureAwait(false) is { } version)
            definition = version.Definition;
        if (definition is null)
            throw new ConsoleRequestException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{arn}'");
        return new JsonObject { ["stateMachineArn"] = arn, ["graph"] = Draw(definition) };
    }

    private async Task<JsonNode> ExecutionGraphAsync(IQueryCollection query, CancellationToken ct)
    {
        var arn = Required(query, "executionArn");
        var store = _options.Store;
        var execution = await store.GetExecutionAsync(arn, ct).ConfigureAwait(false)
            ?? throw new ConsoleRequestException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
        var definition = await DefinitionOfAsync(execution, ct).ConfigureAwait(false)
            ?? throw new ConsoleRequestException("StateMachineDoesNotExist", $"The state machine of '{arn}' is no longer stored.");
        var graph = WorkflowGraph.FromDefinition(definition);
        var history = execution.Status == Engine.ExecutionStatus.Running
            ? _options.RunningHistory(arn) ?? []
            : await store.GetHistoryAsync(arn, ct).ConfigureAwait(false);
        return new JsonObject
        {
            ["executionArn"] = arn,
            ["status"] = Engine.ExecutionStatusNames.ToApiName(execution.Status),
            ["graph"] = JsonNode.Parse(graph.ToJson()),
            ["overlay"] = JsonNode.Parse(ExecutionOverlay.FromHistoryJson(graph, history.Select(e => e.Json)).ToJson()),
        };
    }

    /// <summary>The definition the execution ran: its version's, else its machine's (also after the machine was deleted).</summary>
    private async Task<string?> DefinitionOfAsync(ExecutionRecord execution, CancellationToken ct)
    {
        var store = _options.Store;
        if (execution.StateMachineVersionArn is { } versionArn
            && (await store.GetVersionAsync(versionArn, ct).ConfigureAwait(false) ?? await store.GetRetiredVersionAsync(versionArn, ct).ConfigureAwait(false)) is { } v)
            return v.Definition;
        return (await store.GetStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false)
            ?? await store.GetRetiredStateMachineAsync(execution.StateMachineArn, ct).ConfigureAwait(false))?.Definition;
    }

    private static JsonNode? Draw(string definition)
    {
        try
        {
            return JsonNode.Parse(WorkflowGraph.FromDefinition(definition).ToJson());
        }
        catch (GraphDefinitionException e)
        {
            throw new ConsoleRequestException("InvalidDefinition", e.Message);
        }
    }
}
