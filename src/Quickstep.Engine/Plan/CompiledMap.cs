using System.Globalization;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Json;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Engine.Runtime;

namespace Quickstep.Engine.Plan;

/// <summary>
/// Map: one run of the item processor per item (after ItemSelector), with MaxConcurrency and
/// tolerated failures; the result is the outputs in item order. Distributed mode runs the same
/// way, its children as iterations of this engine.
/// </summary>
internal sealed class CompiledMap : RetryingState
{
    private readonly JsonPath? _itemsPath;
    private readonly JsonataTemplate? _items;
    private readonly PayloadTemplate? _selector;
    private readonly JsonataTemplate? _jsonataSelector;
    private readonly PayloadTemplate? _resultSelector;
    private readonly ResultStep? _resultPath;
    private readonly JValue? _maxConcurrency;
    private readonly JsonPath? _maxConcurrencyPath;
    private readonly JValue? _toleratedCount;
    private readonly JsonPath? _toleratedCountPath;
    private readonly JValue? _toleratedPercentage;
    private readonly JsonPath? _toleratedPercentagePath;
    private readonly JsonataTemplate? _maxConcurrencyExpr;
    private readonly JsonataTemplate? _toleratedCountExpr;
    private readonly JsonataTemplate? _toleratedPercentageExpr;
    private readonly bool _usesContext;

    public CompiledMap(MapState model, CompiledScope processor)
        : base(model, model.Retry, model.Catch)
    {
        Processor = processor;
        if (IsJsonata)
        {
            if (model.Items is not null)
                _items = JsonataTemplate.Compile(model.Items, "Items");
            if (model.ItemSelector is not null)
                _jsonataSelector = JsonataTemplate.Compile(model.ItemSelector, "ItemSelector");
            _maxConcurrencyExpr = Expr(model.MaxConcurrency, "MaxConcurrency");
            _toleratedCountExpr = Expr(model.ToleratedFailureCount, "ToleratedFailureCount");
            _toleratedPercentageExpr = Expr(model.ToleratedFailurePercentage, "ToleratedFailurePercentage");
        }
        else
        {
            if (model.ItemsPath is not null)
                _itemsPath = JsonPath.Parse(model.ItemsPath);
            var selector = model.ItemSelector ?? model.Parameters;
            if (selector is not null)
                _selector = PayloadTemplate.Compile(selector);
            if (model.ResultSelector is not null)
                _resultSelector = PayloadTemplate.Compile(model.ResultSelector);
            _resultPath = ResultStep.Compile(model.ResultPath);
        }

        _maxConcurrency = model.MaxConcurrency is JNumber ? model.MaxConcurrency : null;
        _toleratedCount = model.ToleratedFailureCount is JNumber ? model.ToleratedFailureCount : null;
        _toleratedPercentage = model.ToleratedFailurePercentage is JNumber ? model.ToleratedFailurePercentage : null;
        _maxConcurrencyPath = model.MaxConcurrencyPath is null ? null : JsonPath.Parse(model.MaxConcurrencyPath);
        _toleratedCountPath = model.ToleratedFailureCountPath is null ? null : JsonPath.Parse(model.ToleratedFailureCountPath);
        _toleratedPercentagePath = model.ToleratedFailurePercentagePath is null ? null : JsonPath.Parse(model.ToleratedFailurePercentagePath);
        _usesContext = true;
    }

    public CompiledScope Processor { get; }

    private static JsonataTemplate? Expr(JValue? value, string field) =>
        value is JString s && JsonataTemplate.IsExpression(s.Value) ? JsonataTemplate.Compile(s, field) : null;

    protected override async ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        var context = _usesContext ? Context(x, entry) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        var effective = IsJsonata ? input : EffectiveInput(input, scope);
        var items = Items(effective, scope);
        var maxConcurrency = MaxConcurrency(scope.WithInput(effective));
        var (toleratedCount, toleratedPercentage) = Tolerance(scope.WithInput(effective));

        var itemValues = new JValue[items.Count];
        for (var i = 0; i < items.Count; i++)
            itemValues[i] = Select(x, entry, context, frame, effective, items[i], i);

        var startedDetails = x.Recording ? new JObjectBuilder(1).AddUnique("length", JValue.FromNumber(items.Count)).Build() : null;
        x.Emit(frame, "MapStateStarted", "mapStateStartedEventDetails", startedDetails);

        var results = new JValue[items.Count];
        var failures = 0;
        StatesError? firstError = null;
        var running = new List<Task>();
        var stop = false;
        for (var i = 0; i < items.Count && !stop; i++)
        {
            var run = RunIteration(x, frame, itemValues[i], i);
            if (run.IsCompletedSuccessfully)
            {
                Record(run.Result, i);
                continue;
            }

            var index = i;
            running.Add(AwaitIteration(run, index));
            if (maxConcurrency > 0 && running.Count >= maxConcurrency)
            {
                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
            }
        }

        if (running.Count > 0)
            await Task.WhenAll(running).ConfigureAwait(false);

        if (firstError is not null)
        {
            x.Emit(frame, "MapStateFailed");
            return StateOutcome.Fail(firstError);
        }

        x.Emit(frame, "MapStateSucceeded");
        var result = JArray.Own(results);
        var output = IsJsonata
            ? FinishJsonata(frame, result, scope)
            : FinishJsonPath(x, frame, input, result, _resultSelector, _resultPath, scope);
        return StateOutcome.Continue(output, Next);

        async Task AwaitIteration(ValueTask<ScopeResult> pending, int index) => Record(await pending.ConfigureAwait(false), index);

        void Record(ScopeResult r, int index)
        {
            lock (results)
            {
                if (r.Error is null)
                {
                    results[index] = r.Output!;
                    return;
                }

                failures++;
                results[index] = CompiledCatcher.ErrorOutput(r.Error);
                var tolerated = toleratedCount is not null || toleratedPercentage is not null;
                if (!tolerated)
                {
                    firstError ??= r.Error;
                    stop = true;
                }
                else if ((toleratedCount is int c && failures > c) || (toleratedPercentage is double p && failures * 100.0 / items.Count > p))
                {
                    firstError ??= new StatesError(StatesErrors.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
                    stop = true;
                }
            }
        }
    }

    private ValueTask<ScopeResult> RunIteration(Execution x, Frame frame, JValue item, int index)
    {
        var details = x.Recording ? new JObjectBuilder(2).AddUnique("name", JValue.FromString(Name)).AddUnique("index", JValue.FromNumber(index)).Build() : null;
        var startedId = x.Emit(frame, "MapIterationStarted", "mapIterationStartedEventDetails", details);
        var iterationFrame = new Frame(frame, startedId);
        var run = ScopeRunner.RunAsync(x, Processor, iterationFrame, item);
        if (run.IsCompletedSuccessfully)
        {
            var r = run.Result;
            Finished(x, frame, r, details);
            return new ValueTask<ScopeResult>(r);
        }

        return FinishAsync(x, frame, run, details);
    }

    private static async ValueTask<ScopeResult> FinishAsync(Execution x, Frame frame, ValueTask<ScopeResult> run, JObject? details)
    {
        var r = await run.ConfigureAwait(false);
        Finished(x, frame, r, details);
        return r;
    }

    private static void Finished(Execution x, Frame frame, ScopeResult r, JObject? details) =>
        x.Emit(frame, r.Error is null ? "MapIterationSucceeded" : "MapIterationFailed", r.Error is null ? "mapIterationSucceededEventDetails" : "mapIterationFailedEventDetails", details);

    private JArray Items(JValue effective, in EvaluationScope scope)
    {
        JValue items;
        if (_items is not null)
        {
            items = _items.Evaluate(scope);
            if (items is not JArray)
            {
                var text = _items.ExpressionText ?? items.ToString();
                throw new StatesException(StatesErrors.QueryEvaluationError, $"The JSONata expression '{text}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{items.TypeName}' for value: {items}");
            }
        }
        else if (_itemsPath is not null)
        {
            items = _itemsPath.Select(scope.WithInput(effective)) ?? throw new StatesException(StatesErrors.Runtime, PathErrors.InvalidPath(_itemsPath, effective));
        }
        else
        {
            items = effective;
        }

        return items as JArray ?? throw new StatesException(IsJsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime, $"Map state input must be an array but was: {items}");
    }

    private JValue Select(Execution x, StateEntry entry, JValue context, Frame frame, JValue effective, JValue item, int index)
    {
        if (_selector is null && _jsonataSelector is null)
            return item;
        var map = new JObjectBuilder(1).AddUnique("Item", new JObjectBuilder(2).AddUnique("Index", JValue.FromNumber(index)).AddUnique("Value", item).Build()).Build();
        var itemContext = x.Context(Name, entry.Time, null, map);
        var scope = x.Scope(effective, itemContext, frame);
        return _selector is not null ? _selector.Evaluate(scope) : _jsonataSelector!.Evaluate(scope);
    }

    private int MaxConcurrency(in EvaluationScope scope)
    {
        if (_maxConcurrency is JNumber n)
            return (int)n.Value;
        if (_maxConcurrencyExpr is not null)
        {
            var v = _maxConcurrencyExpr.Evaluate(scope);
            return v is JNumber m && m.IsIntegral && m.Value >= 0 ? (int)Math.Min(m.Value, int.MaxValue)
                : throw new StatesException(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was '{v.TypeName}' for value: {v}");
        }

        if (_maxConcurrencyPath is not null)
        {
            var v = _maxConcurrencyPath.Select(scope) ?? throw new StatesException(StatesErrors.Runtime, PathErrors.InvalidPath(_maxConcurrencyPath, scope.Input));
            if (TryNumber(v, out var m) && Math.Floor(m) == m && m >= 0)
                return (int)Math.Min(m, int.MaxValue);
            throw new StatesException(StatesErrors.Runtime, $"The MaxConcurrencyPath field refers to value \"{Plain(v)}\" which is not a valid integer: {_maxConcurrencyPath.Text}");
        }

        return 0;
    }

    private (int? Count, double? Percentage) Tolerance(in EvaluationScope scope)
    {
        int? count = null;
        double? percentage = null;
        if (_toleratedCount is JNumber c)
            count = (int)c.Value;
        else if (_toleratedCountExpr is not null)
            count = (int)Number(_toleratedCountExpr.Evaluate(scope), "ToleratedFailureCount");
        else if (_toleratedCountPath is not null)
        {
            var v = _toleratedCountPath.Select(scope) ?? throw new StatesException(StatesErrors.Runtime, PathErrors.InvalidPath(_toleratedCountPath, scope.Input));
            if (!TryNumber(v, out var n) || Math.Floor(n) != n)
                throw new StatesException(StatesErrors.Runtime, $"The ToleratedFailureCountPath field refers to value \"{Plain(v)}\" which is not a valid integer: {_toleratedCountPath.Text}");
            count = (int)n;
        }

        if (_toleratedPercentage is JNumber p)
            percentage = p.Value;
        else if (_toleratedPercentageExpr is not null)
            percentage = Number(_toleratedPercentageExpr.Evaluate(scope), "ToleratedFailurePercentage");
        else if (_toleratedPercentagePath is not null)
        {
            var v = _toleratedPercentagePath.Select(scope) ?? throw new StatesException(StatesErrors.Runtime, PathErrors.InvalidPath(_toleratedPercentagePath, scope.Input));
            if (!TryNumber(v, out var n))
                throw new StatesException(StatesErrors.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{Plain(v)}\" which is not a valid float: {_toleratedPercentagePath.Text}");
            percentage = n;
        }

        if (count < 0)
            throw new StatesException(StatesErrors.Runtime, "ToleratedFailureCount cannot be negative.");
        if (percentage is < 0 or > 100)
            throw new StatesException(StatesErrors.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
        return (count, percentage);
    }

    /// <summary>A number, or a string holding one: AWS accepts "1" from a *Path (recorded: MAP_STATE_REFERENCE_IN_MAX_CONCURRENCY_PATH).</summary>
    private static bool TryNumber(JValue v, out double value)
    {
        switch (v)
        {
            case JNumber n:
                value = n.Value;
                return true;
            case JString s:
                return double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);
            default:
                value = 0;
                return false;
        }
    }

    private static double Number(JValue v, string field) => v is JNumber n
        ? n.Value
        : throw new StatesException(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field '{field}' returned an unexpected result type. Expected 'number', but was '{v.TypeName}' for value: {v}");

    private static string Plain(JValue v) => v switch
    {
        JString s => s.Value,
        JNumber n => n.ToJsonText().ToString(CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
