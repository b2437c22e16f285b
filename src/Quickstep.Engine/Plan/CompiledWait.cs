using System.Globalization;
using Quickstep.Asl.Paths;

namespace Quickstep.Engine.Plan;

/// <summary>Wait: Seconds, SecondsPath, Timestamp or TimestampPath (JSONata: Seconds or Timestamp), on the execution's clock.</summary>
internal sealed class CompiledWait : CompiledState
{
    private readonly long? _seconds;
    private readonly JsonPath? _secondsPath;
    private readonly DateTimeOffset? _timestamp;
    private readonly string? _timestampText;
    private readonly JsonPath? _timestampPath;
    private readonly JsonataTemplate? _secondsExpr;
    private readonly JsonataTemplate? _timestampExpr;
    private readonly bool _usesContext;

    public CompiledWait(WaitState model, ExpressionTable expressions)
        : base(model, expressions)
    {
        if (model.Seconds is JNumber n)
            _seconds = (long)n.Value;
        else if (model.Seconds is JString ss && JsonataTemplate.IsExpression(ss.Value))
            _secondsExpr = JsonataTemplate.Compile(ss, "Seconds", expressions);
        if (model.SecondsPath is not null)
            _secondsPath = expressions.Path(model.SecondsPath);
        if (model.Timestamp is JString ts)
        {
            if (IsJsonata && JsonataTemplate.IsExpression(ts.Value))
            {
                _timestampExpr = JsonataTemplate.Compile(ts, "Timestamp", expressions);
            }
            else
            {
                _timestampText = ts.Value;
                if (AslTimestamp.TryParse(ts.Value, out var t))
                    _timestamp = t;
            }
        }

        if (model.TimestampPath is not null)
            _timestampPath = expressions.Path(model.TimestampPath);
        _usesContext = ContextUse.Any(model.Output, model.Assign, model.Seconds, model.Timestamp, model.InputPath, model.OutputPath)
            || ContextUse.Text(model.SecondsPath) || ContextUse.Text(model.TimestampPath);
    }

    public override bool EvaluatesWhileRunning => true;

    /// <summary>
    /// Synchronous when the delay elapses at once (a zero or past delay, or a virtual clock with nothing else to run); otherwise one
    /// small continuation holds the output while the execution waits (100,000 may wait in one process).
    /// </summary>
    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry)
    {
        var scope = x.Scope(input, _usesContext ? Context(x, entry) : JObject.Empty, frame);
        var effective = IsJsonata ? input : EffectiveInput(input, scope);
        if (effective.Failed)
            return Failed(effective.Error);
        if (Delay(x, scope.WithInput(effective.Value), out var delay) is { } delayFailed)
            return Failed(delayFailed);
        var evaluated = IsJsonata ? (Output is null ? input : Output.Evaluate(scope)) : ApplyOutputPath(effective.Value, scope);
        if (evaluated.Failed)
            return Failed(evaluated.Error);
        if (Assign?.Apply(frame, scope.WithInput(effective.Value)) is { } assignFailed)
            return Failed(assignFailed);
        var output = evaluated.Value;
        if (delay <= TimeSpan.Zero)
            return new(StateOutcome.Continue(output, Next));
        var waited = x.DelayAsync(delay, frame);
        if (!waited.IsCompletedSuccessfully)
            return AfterDelayAsync(x, frame, waited, output);
        return new(Waited(x, frame, waited.Result, output));
    }

    private async ValueTask<StateOutcome> AfterDelayAsync(Execution x, Frame frame, ValueTask<bool> waited, JValue output) =>
        Waited(x, frame, await waited.ConfigureAwait(false), output);

    private StateOutcome Waited(Execution x, Frame frame, bool waited, JValue output)
    {
        if (waited)
            return StateOutcome.Continue(output, Next);

        // Stopped while waiting (the execution, or a sibling branch failed): AWS records WaitStateAborted.
        var branchAborted = BranchAbort.Requested(x, frame);
        if (x.StopRequested || branchAborted)
            x.Emit(frame, "WaitStateAborted");
        return StateOutcome.Fail(branchAborted ? BranchAbort.Error : Execution.TimeoutError());
    }

    /// <summary>The time to wait, or the error computing it.</summary>
    private StatesError? Delay(Execution x, in EvaluationScope scope, out TimeSpan delay)
    {
        delay = default;
        if (_seconds is long s)
        {
            delay = TimeSpan.FromSeconds(s);
            return null;
        }

        if (_secondsExpr is not null)
        {
            var e = _secondsExpr.Evaluate(scope);
            if (e.Failed)
                return e.Error;
            var v = e.Value;
            if (v is JNumber n && n.IsIntegral && n.Value >= 0)
            {
                delay = TimeSpan.FromSeconds(n.Value);
                return null;
            }

            return new(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field 'Seconds' returned an unexpected result type. Expected 'integer', but was '{v.TypeName}' for value: {v}");
        }

        if (_secondsPath is not null)
        {
            var v = _secondsPath.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, $"The SecondsPath parameter does not reference an input value: {_secondsPath.Text}");
            if (v is not JNumber n || !n.IsIntegral)
                return new(StatesErrors.Runtime, $"The SecondsPath parameter cannot be parsed as a long value: {_secondsPath.Text} == {Plain(v)}");
            if (n.Value < 0)
                return new(StatesErrors.Runtime, $"The SecondsPath parameter references a negative value: {_secondsPath.Text} == {Plain(v)}");
            delay = TimeSpan.FromSeconds(n.Value);
            return null;
        }

        DateTimeOffset until;
        if (_timestampExpr is not null)
        {
            var e = _timestampExpr.Evaluate(scope);
            if (e.Failed)
                return e.Error;
            if (e.Value is not JString ts || !AslTimestamp.TryParse(ts.Value, out until))
                return new(StatesErrors.QueryEvaluationError, $"The Timestamp field cannot be parsed as an ISO-8601 extended offset date-time format string: {Plain(e.Value)}");
        }
        else if (_timestampPath is not null)
        {
            var v = _timestampPath.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, $"The TimestampPath parameter does not reference an input value: {_timestampPath.Text}");
            if (v is not JString ts || !AslTimestamp.TryParse(ts.Value, out until))
                return new(StatesErrors.Runtime, $"The TimestampPath parameter does not reference a valid ISO-8601 extended offset date-time format string: {_timestampPath.Text} == {Plain(v)}");
        }
        else if (_timestamp is { } fixedTime)
        {
            until = fixedTime;
        }
        else
        {
            return new(StatesErrors.Runtime, $"The Timestamp parameter is not a valid ISO-8601 extended offset date-time format string: {_timestampText}");
        }

        delay = until - x.Time.GetUtcNow();
        return delay > TimeSpan.FromSeconds(int.MaxValue) ? new(StatesErrors.Runtime, "Wait state delay is too long.") : null;
    }

    private static string Plain(JValue v) => v switch
    {
        JString s => s.Value,
        JNumber n => n.ToJsonText().ToString(CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
