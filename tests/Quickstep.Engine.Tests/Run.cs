using Quickstep.Asl.Compilation;
using Quickstep.Engine;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>Runs definitions on a virtual clock with in-process functions.</summary>
internal static class Run
{
    public static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static async Task<ExecutionResult> Async(string definition, string input = "{}", Action<LambdaFunctionRegistry>? functions = null, VirtualTimeProvider? clock = null, bool history = false, IResourceHandler? handler = null, IEvaluationServices? services = null)
    {
        clock ??= new VirtualTimeProvider(Start);
        var registry = new LambdaFunctionRegistry();
        functions?.Invoke(registry);
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            IdleTracker = clock.IdleTracker,
            EvaluationServices = services,
            ResourceHandlers = [handler ?? new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock })],
        });
        var machine = engine.Load(definition.Replace("%FN%", Fn, StringComparison.Ordinal), "test");
        return await machine.ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Name = "exec", RecordHistory = history });
    }

    public static async Task<string> Output(string definition, string input = "{}", Action<LambdaFunctionRegistry>? functions = null)
    {
        var r = await Async(definition, input, functions);
        Assert.True(r.Status == ExecutionStatus.Succeeded, $"{r.StatusText}: {r.Error}: {r.Cause}");
        return r.Output!.ToString();
    }

    public const string Fn = "arn:aws:lambda:us-east-1:123456789012:function:";
}
