using System.Collections.Concurrent;
using System.Diagnostics;
using Quickstep.Engine.Ports;
using Quickstep.Engine.Telemetry;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>The engine's spans read with an ActivityListener: nesting under Map/Parallel, retries, nested executions.</summary>
public sealed class TracingTests : IDisposable
{
    private readonly ConcurrentQueue<Activity> _spans = new();
    private readonly ActivityListener _listener;

    public TracingTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == QuickstepTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public void Dispose() => _listener.Dispose();

    private List<Activity> Trace(ActivityTraceId id) => [.. _spans.Where(a => a.TraceId == id)];

    /// <summary>Answers "child" Tasks by running another state machine (a nested execution) and "flaky" ones with a failure first.</summary>
    private sealed class Handler : IResourceHandler
    {
        private int _flaky;

        public StateMachine? Child { get; set; }

        public bool CanHandle(string resource) => true;

        public async ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
        {
            if (request.Resource.EndsWith(":child", StringComparison.Ordinal))
            {
                var r = await Child!.ExecuteAsync(JObject.Empty, cancellationToken: cancellationToken);
                return TaskResult.Success(r.Output!);
            }

            return Interlocked.Increment(ref _flaky) == 1 ? TaskResult.Failure("Busy", "try again") : TaskResult.Success(JValue.FromString("ok"));
        }
    }

    [Fact]
    public async Task Spans_MapParallelRetryAndNestedExecution_FormOneTree()
    {
        var handler = new Handler();
        var clock = new VirtualTimeProvider();
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker, ResourceHandlers = [handler] });
        handler.Child = engine.Load("""{"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "Result": 7, "End": true}}}""", "child");
        var machine = engine.Load("""
            {"StartAt": "Fan", "States": {
              "Fan": {"Type": "Parallel", "Next": "Each", "Branches": [
                {"StartAt": "Flaky", "States": {"Flaky": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:flaky",
                   "Retry": [{"ErrorEquals": ["Busy"], "IntervalSeconds": 1}], "End": true}}},
                {"StartAt": "Nested", "States": {"Nested": {"Type": "Task", "Resource": "arn:aws:lambda:us-east-1:123456789012:function:child", "End": true}}}]},
              "Each": {"Type": "Map", "ItemsPath": "$", "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}, "End": true}}}
            """, "tree");
        var parent = new ActivityContext(ActivityTraceId.CreateRandom(), ActivitySpanId.CreateRandom(), ActivityTraceFlags.Recorded, isRemote: true);
        var result = await machine.ExecuteAsync(JObject.Empty, new ExecutionOptions { TraceParent = parent });
        Assert.Equal(ExecutionStatus.Succeeded, result.Status);

        var spans = Trace(parent.TraceId);
        var execution = Assert.Single(spans, s => s.OperationName == "execution tree");
        Assert.Equal(parent.SpanId, execution.ParentSpanId);
        var fan = Assert.Single(spans, s => s.OperationName == "state Fan");
        Assert.Equal(execution.SpanId, fan.ParentSpanId);
        var flaky = Assert.Single(spans, s => s.OperationName == "state Flaky");
        Assert.Equal(fan.SpanId, flaky.ParentSpanId);

        // Two calls of the flaky Task: the first failed (retried), the second succeeded.
        var calls = spans.Where(s => s.OperationName.EndsWith("function:flaky", StringComparison.Ordinal)).OrderBy(s => s.GetTagItem(QuickstepTelemetry.RetryCountAttribute)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, c => Assert.Equal(flaky.SpanId, c.ParentSpanId));
        Assert.Equal(ActivityStatusCode.Error, calls[0].Status);
        Assert.Equal("Busy", calls[0].GetTagItem(QuickstepTelemetry.ErrorAttribute));
        Assert.Equal(ActivityStatusCode.Unset, calls[1].Status);

        // The nested execution is the child of the Task call that started it.
        var nestedCall = Assert.Single(spans, s => s.OperationName.EndsWith("function:child", StringComparison.Ordinal));
        var child = Assert.Single(spans, s => s.OperationName == "execution child");
        Assert.Equal(nestedCall.SpanId, child.ParentSpanId);
        Assert.Equal(child.SpanId, Assert.Single(spans, s => s.OperationName == "state Inner").ParentSpanId);

        // Map: the state's span, and one span per iteration's state under it (the Parallel state output two items).
        var each = Assert.Single(spans, s => s.OperationName == "state Each");
        Assert.Equal(execution.SpanId, each.ParentSpanId);
        var items = spans.Where(s => s.OperationName == "state Item").ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, i => Assert.Equal(each.SpanId, i.ParentSpanId));
        Assert.Equal(1 + 4 + 3 + 2 + 1 + 1, spans.Count);
    }
}
