using Quickstep.Engine;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Graph.Tests;

/// <summary>Runs a definition through the real engine (virtual clock, in-process functions) and reads its history as an overlay.</summary>
internal static class Executions
{
    public const string Fn = "arn:aws:lambda:us-east-1:123456789012:function:";

    /// <summary>Runs <paramref name="definition"/>, where %FN% stands for the function ARN prefix.</summary>
    public static async Task<ExecutionResult> RunAsync(string definition, string input = "{}")
    {
        definition = Expand(definition);
        var clock = new VirtualTimeProvider(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        var registry = new LambdaFunctionRegistry();
        registry.Register("echo", (JValue e) => e);
        registry.Register("boom", (JValue _) => throw new LambdaFunctionException("Boom", "it broke"));
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            IdleTracker = clock.IdleTracker,
            ResourceHandlers = [new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock })],
        });
        return await engine.Load(definition, "graph-test").ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Name = "exec", RecordHistory = true });
    }

    public static string Expand(string definition) => definition.Replace("%FN%", Fn, StringComparison.Ordinal);

    /// <summary>The history as the overlay's tuples (details as JSON text, as a store keeps them).</summary>
    public static IEnumerable<(long Id, long PreviousId, string Type, string? StateName, string DetailsJson)> Events(ExecutionResult result) =>
        result.History!.Select(e => (e.Id, e.PreviousEventId, e.Type, (e.Details?["name"] as JString)?.Value, e.Details?.ToString() ?? ""));

    public static async Task<(WorkflowGraph Graph, ExecutionOverlay Overlay, ExecutionResult Result)> OverlayAsync(string definition, string input = "{}")
    {
        var result = await RunAsync(definition, input);
        var graph = WorkflowGraph.FromDefinition(Expand(definition));
        return (graph, ExecutionOverlay.FromHistory(graph, Events(result)), result);
    }
}
