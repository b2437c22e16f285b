using BenchmarkDotNet.Attributes;
using Quickstep.Engine;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Benchmarks;

/// <summary>
/// Retry/Catch-heavy executions (virtual clock, history off): how much an error costs on its way to
/// Retry and Catch. Each machine is a loop of 10 rounds; every round's state fails, is retried 3 times
/// and then caught. <see cref="TaskFailure"/>: the Task's handler fails (an error value);
/// <see cref="PathFailure"/>: the Task's ResultPath cannot be applied (States.ResultPathMatchFailure; States.Runtime is not catchable);
/// <see cref="IntrinsicFailure"/>: an intrinsic fails (States.IntrinsicFailure); <see cref="JsonataFailure"/>:
/// a JSONata Argument fails (States.QueryEvaluationError). Baseline: the same loop with a Task that succeeds.
/// </summary>
public class ErrorPathBenchmarks
{
    private const string Loop = """
        "Count": {"Type": "Pass", "QueryLanguage": "JSONPath", "Parameters": {"n.$": "States.MathAdd($.n, 1)"}, "Next": "More"},
        "More": {"Type": "Choice", "QueryLanguage": "JSONPath", "Choices": [{"Variable": "$.n", "NumericLessThan": 10, "Next": "Work"}], "Default": "Done"},
        "Done": {"Type": "Succeed"}
        """;

    private readonly ExecutionOptions _options = new();
    private readonly JValue _input = JsonText.Parse("""{"n":0}""");
    private StateMachine _success = null!;
    private StateMachine _task = null!;
    private StateMachine _path = null!;
    private StateMachine _intrinsic = null!;
    private StateMachine _jsonata = null!;

    [GlobalSetup]
    public void Setup()
    {
        var clock = new VirtualTimeProvider();
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            IdleTracker = clock.IdleTracker,
            ResourceHandlers = [new FixedHandler()],
        });
        _success = engine.Load(Machine("""{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ok", "Parameters": {"n.$": "$.n"}, "ResultPath": null, "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Count"}], "Next": "Count"}"""), "success");
        _task = engine.Load(Machine("""{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:fail", "Parameters": {"n.$": "$.n"}, "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Count"}], "Next": "Count"}"""), "task");
        _path = engine.Load(Machine("""{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ok", "Parameters": {"n.$": "$.n"}, "ResultPath": "$.n.result", "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Count"}], "Next": "Count"}"""), "path");
        _intrinsic = engine.Load(Machine("""{"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ok", "Parameters": {"n.$": "States.ArrayGetItem(States.Array(1), 5)"}, "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": null, "Next": "Count"}], "Next": "Count"}"""), "intrinsic");
        _jsonata = engine.Load(Machine("""{"Type": "Task", "QueryLanguage": "JSONata", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:ok", "Arguments": {"n": "{% $states.input.n + 'x' %}"}, "Retry": [{"ErrorEquals": ["States.ALL"], "IntervalSeconds": 1, "MaxAttempts": 3}], "Catch": [{"ErrorEquals": ["States.ALL"], "Output": "{% $states.input %}", "Next": "Count"}], "Next": "Count"}"""), "jsonata");
    }

    private static string Machine(string work) =>
        "{\"StartAt\": \"More\", \"States\": {\"Work\": " + work + ",\n" + Loop + "}}";

    [Benchmark(Baseline = true)]
    public ExecutionStatus NoFailure() => Run(_success);

    [Benchmark]
    public ExecutionStatus TaskFailure() => Run(_task);

    [Benchmark]
    public ExecutionStatus PathFailure() => Run(_path);

    [Benchmark]
    public ExecutionStatus IntrinsicFailure() => Run(_intrinsic);

    [Benchmark]
    public ExecutionStatus JsonataFailure() => Run(_jsonata);

    private ExecutionStatus Run(StateMachine machine)
    {
        var result = machine.ExecuteAsync(_input, _options).GetAwaiter().GetResult();
        return result.Status == ExecutionStatus.Succeeded ? result.Status : throw new InvalidOperationException(result.Error + ": " + result.Cause);
    }

    /// <summary>function:ok returns its parameters; function:fail fails with an error value, synchronously.</summary>
    private sealed class FixedHandler : IResourceHandler
    {
        public bool CanHandle(string resource) => resource.StartsWith("arn:aws:lambda:", StringComparison.Ordinal);

        public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken) =>
            new(request.Resource == "arn:aws:lambda:us-east-1:123456789012:function:ok" ? TaskResult.Success(request.Parameters) : TaskResult.Failure("Bench.Failed", "always"));
    }
}
