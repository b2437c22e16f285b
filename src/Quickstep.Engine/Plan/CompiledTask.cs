using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Json;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Engine.Ports;
using Quickstep.Engine.Runtime;

namespace Quickstep.Engine.Plan;

/// <summary>Task: data flow around one call of a resource handler, with a timeout, Retry and Catch.</summary>
internal sealed class CompiledTask : RetryingState
{
    /// <summary>AWS's default Task timeout (the schema's maximum) when none is given.</summary>
    private const int DefaultTimeoutSeconds = 99999999;

    private readonly PayloadTemplate? _parameters;
    private readonly JsonataTemplate? _arguments;
    private readonly PayloadTemplate? _resultSelector;
    private readonly ResultStep? _resultPath;
    private readonly int? _timeoutSeconds;
    private readonly JsonPath? _timeoutPath;
    private readonly JsonataTemplate? _timeoutExpr;
    private readonly IResourceHandler? _handler;
    private readonly ResourceKind _kind;
    private readonly bool _usesContext;

    public CompiledTask(TaskState model, IReadOnlyList<IResourceHandler> handlers)
        : base(model, model.Retry, model.Catch)
    {
        Resource = model.Resource;
        if (IsJsonata)
        {
            if (model.Arguments is not null)
                _arguments = JsonataTemplate.Compile(model.Arguments, "Arguments");
        }
        else
        {
            if (model.Parameters is not null)
                _parameters = PayloadTemplate.Compile(model.Parameters);
            if (model.ResultSelector is not null)
                _resultSelector = PayloadTemplate.Compile(model.ResultSelector);
            _resultPath = ResultStep.Compile(model.ResultPath);
        }

        if (model.TimeoutSeconds is JNumber n)
            _timeoutSeconds = (int)Math.Min(n.Value, int.MaxValue);
        else if (model.TimeoutSeconds is JString ts && JsonataTemplate.IsExpression(ts.Value))
            _timeoutExpr = JsonataTemplate.Compile(ts, "TimeoutSeconds");
        if (model.TimeoutSecondsPath is not null)
            _timeoutPath = JsonPath.Parse(model.TimeoutSecondsPath);

        foreach (var h in handlers)
        {
            if (h.CanHandle(Resource))
            {
                _handler = h;
                break;
            }
        }

        _kind = ResourceKind.Of(Resource);
        _usesContext = ContextUse.Any(model.Parameters, model.Arguments, model.ResultSelector, model.Output, model.Assign, model.InputPath, model.OutputPath, model.TimeoutSeconds)
            || ContextUse.Text(model.TimeoutSecondsPath);
    }

    public string Resource { get; }

    protected override async ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        var context = _usesContext ? x.Context(Name, entry.Time, retryCount) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        JValue parameters;
        if (IsJsonata)
        {
            parameters = _arguments is null ? input : _arguments.Evaluate(scope);
        }
        else
        {
            var effective = EffectiveInput(input, scope);
            parameters = _parameters is null ? effective : _parameters.Evaluate(scope.WithInput(effective));
        }

        var timeout = TimeoutSeconds(scope);
        var result = await InvokeAsync(x, frame, parameters, timeout, retryCount).ConfigureAwait(false);
        if (result.Error is { } error)
            return StateOutcome.Fail(error.Error == StatesErrors.Runtime ? Prefixed(error, entry) : error);
        var value = result.Output ?? JValue.Null;
        CheckSize(x, value, Name);
        var output = IsJsonata
            ? FinishJsonata(frame, value, scope)
            : FinishJsonPath(x, frame, input, value, _resultSelector, _resultPath, scope);
        return StateOutcome.Continue(output, Next);
    }

    private int TimeoutSeconds(in EvaluationScope scope)
    {
        if (_timeoutSeconds is int s)
            return s;
        if (_timeoutExpr is not null)
        {
            var v = _timeoutExpr.Evaluate(scope);
            if (v is JNumber n && n.IsIntegral && n.Value > 0)
                return (int)Math.Min(n.Value, int.MaxValue);
            throw new StatesException(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field 'TimeoutSeconds' returned an unexpected result type. Expected 'integer', but was '{v.TypeName}' for value: {v}");
        }

        if (_timeoutPath is not null)
        {
            var v = _timeoutPath.Select(scope) ?? throw new StatesException(StatesErrors.Runtime, PathErrors.InvalidPath(_timeoutPath, scope.Input));
            if (v is JNumber n && n.IsIntegral && n.Value > 0)
                return (int)Math.Min(n.Value, int.MaxValue);
            throw new StatesException(StatesErrors.Runtime, $"The TimeoutSecondsPath parameter references an invalid value: {_timeoutPath.Text} == {v}");
        }

        return DefaultTimeoutSeconds;
    }

    private async ValueTask<TaskResult> InvokeAsync(Execution x, Frame frame, JValue parameters, int timeoutSeconds, int retryCount)
    {
        TaskEvents.Scheduled(x, frame, _kind, Resource, parameters, timeoutSeconds);
        if (_handler is null)
        {
            var missing = new StatesError(StatesErrors.Runtime, $"No handler is registered for the resource '{Resource}'.");
            TaskEvents.Failed(x, frame, _kind, missing);
            return TaskResult.Failure(missing);
        }

        TaskEvents.Started(x, frame, _kind);
        var request = new TaskRequest(Resource, parameters, Name, x.Machine.Name, x.Arn, retryCount) { TestCase = x.TestCase };
        TaskResult result;
        if (timeoutSeconds >= DefaultTimeoutSeconds)
        {
            result = await CallAsync(request, x.Abort).ConfigureAwait(false);
        }
        else
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(x.Abort);
            using var timer = x.Time.CreateTimer(static s => ((CancellationTokenSource)s!).Cancel(), cts, TimeSpan.FromSeconds(timeoutSeconds), Timeout.InfiniteTimeSpan);
            result = await CallAsync(request, cts.Token).ConfigureAwait(false);
            if (cts.IsCancellationRequested && !x.Abort.IsCancellationRequested)
                result = TaskResult.Failure(StatesErrors.Timeout, null);
        }

        if (result.Error is { } error)
        {
            if (error.Error == StatesErrors.Timeout)
                TaskEvents.TimedOut(x, frame, _kind, error);
            else
                TaskEvents.Failed(x, frame, _kind, error);
        }
        else
        {
            TaskEvents.Succeeded(x, frame, _kind, result.Output ?? JValue.Null);
        }

        return result;
    }

    private async ValueTask<TaskResult> CallAsync(TaskRequest request, CancellationToken token)
    {
        try
        {
            var vt = _handler!.InvokeAsync(request, token);
            return vt.IsCompletedSuccessfully ? vt.Result : await vt.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (token.IsCancellationRequested)
        {
            return TaskResult.Failure(StatesErrors.Timeout, null);
        }
    }
}
