using System.Globalization;
using Quickstep.Asl.Paths;
using Quickstep.Engine.History;
using Quickstep.Engine.Ports;

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
    private readonly PayloadSteps _payload;
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
    private readonly MapIterationDetails _iterationDetails;

    private readonly CompiledItemReader? _reader;
    private readonly CompiledItemBatcher? _batcher;
    private readonly CompiledResultWriter? _writer;

    public CompiledMap(MapState model, CompiledScope processor, IReadOnlyList<IResourceHandler> handlers, ExpressionTable expressions)
        : base(model, model.Retry, model.Catch, expressions)
    {
        Processor = processor;
        if (model.ItemReader is JObject reader)
            _reader = new CompiledItemReader(reader, handlers, IsJsonata, expressions);
        if (model.ItemBatcher is JObject batcher)
            _batcher = new CompiledItemBatcher(batcher, IsJsonata, expressions);
        if (model.ResultWriter is JObject writer)
            _writer = new CompiledResultWriter(writer, handlers, IsJsonata, expressions);
        _iterationDetails = new MapIterationDetails(NameValue);
        Distributed = model.ItemProcessor.ProcessorConfig?.IsDistributed ?? false;
        Label = model.Label;
        if (IsJsonata)
        {
            if (model.Items is not null)
                _items = JsonataTemplate.Compile(model.Items, "Items", expressions);
            if (model.ItemSelector is not null)
                _jsonataSelector = JsonataTemplate.Compile(model.ItemSelector, "ItemSelector", expressions);
            _maxConcurrencyExpr = Expr(model.MaxConcurrency, "MaxConcurrency", expressions);
            _toleratedCountExpr = Expr(model.ToleratedFailureCount, "ToleratedFailureCount", expressions);
            _toleratedPercentageExpr = Expr(model.ToleratedFailurePercentage, "ToleratedFailurePercentage", expressions);
        }
        else
        {
            if (model.ItemsPath is not null)
                _itemsPath = expressions.Path(model.ItemsPath);
            var selector = model.ItemSelector ?? model.Parameters;
            if (selector is not null)
                _selector = PayloadTemplate.Compile(selector, expressions);
        }

        // Map's Parameters is its ItemSelector's old name (above): only the result half applies here.
        _payload = new PayloadSteps(IsJsonata, null, null, model.ResultSelector, model.ResultPath, expressions);

        _maxConcurrency = model.MaxConcurrency is JNumber ? model.MaxConcurrency : null;
        _toleratedCount = model.ToleratedFailureCount is JNumber ? model.ToleratedFailureCount : null;
        _toleratedPercentage = model.ToleratedFailurePercentage is JNumber ? model.ToleratedFailurePercentage : null;
        _maxConcurrencyPath = model.MaxConcurrencyPath is null ? null : expressions.Path(model.MaxConcurrencyPath);
        _toleratedCountPath = model.ToleratedFailureCountPath is null ? null : expressions.Path(model.ToleratedFailureCountPath);
        _toleratedPercentagePath = model.ToleratedFailurePercentagePath is null ? null : expressions.Path(model.ToleratedFailurePercentagePath);
        _usesContext = true;
    }

    public CompiledScope Processor { get; }

    /// <summary>Iterations of an inline Map running at once, at most (AWS's quota).</summary>
    public const int MaxInlineConcurrency = 40;

    /// <summary>Child executions of a distributed Map running at once, at most (AWS's quota).</summary>
    public const int MaxDistributedConcurrency = 10_000;

    private static JsonataTemplate? Expr(JValue? value, string field, ExpressionTable expressions) =>
        value is JString s && JsonataTemplate.IsExpression(s.Value) ? JsonataTemplate.Compile(s, field, expressions) : null;

    protected override async ValueTask<StateOutcome> AttemptAsync(Execution x, Frame frame, JValue input, StateEntry entry, int retryCount)
    {
        var context = _usesContext ? Context(x, entry) : JObject.Empty;
        var scope = x.Scope(input, context, frame);
        var evaluated = IsJsonata ? input : EffectiveInput(input, scope);
        if (evaluated.Failed)
            return StateOutcome.DataFlowFail(evaluated.Error);
        var effective = evaluated.Value;
        var test = x.Inspector;
        if (test is not null && !IsJsonata)
            test.Data.AfterInputPath = effective;
        var read = test?.ItemReaderData is JArray given ? given
            : _reader is null ? Items(effective, scope) : await _reader.ReadAsync(x, Name, scope.WithInput(effective)).ConfigureAwait(false);
        if (read.Failed)
            return StateOutcome.DataFlowFail(read.Error);
        var items = (JArray)read.Value;
        if (MaxConcurrency(scope.WithInput(effective), out var maxConcurrency) is { } concurrencyFailed)
            return StateOutcome.DataFlowFail(concurrencyFailed);
        if (test?.Mock is { } mock)
            return Mocked(x, frame, input, test, mock, effective, items, maxConcurrency, scope);

        var itemValues = new JValue[items.Count];
        for (var i = 0; i < items.Count; i++)
        {
            var selected = Select(x, entry, context, frame, effective, items[i], i);
            if (selected.Failed)
                return StateOutcome.DataFlowFail(selected.Error);
            itemValues[i] = selected.Value;
        }

        if (_batcher?.Batch(scope.WithInput(effective), ref itemValues, x.Engine.Options.MaxPayloadBytes) is { } batchFailed)
            return StateOutcome.DataFlowFail(batchFailed);

        var startedDetails = x.Recording ? new JObjectBuilder(1).AddUnique("length", JValue.FromNumber(items.Count)).Build() : null;
        x.Emit(frame, "MapStateStarted", "mapStateStartedEventDetails", startedDetails);

        // AWS checks the tolerated-failure settings after MapStateStarted (recorded: test_map_state_tolerated_failure_count_path).
        if (Tolerance(scope.WithInput(effective), out var toleratedCount, out var toleratedPercentage) is { } toleranceFailed)
            return StateOutcome.DataFlowFail(toleranceFailed);
        long mapRunStarted = 0;
        var mapRunArn = Distributed && (x.Recording || _writer is not null) ? MapRunArn(x) : null;
        // What the ResultWriter reports of each child execution (only when there is one).
        MapChildRun[]? children = null;
        if (_writer is not null)
        {
            children = new MapChildRun[itemValues.Length];
            for (var i = 0; i < itemValues.Length; i++)
                children[i] = new MapChildRun(itemValues[i]);
        }

        if (Distributed)
        {
            var runDetails = x.Recording ? new JObjectBuilder(1).AddUnique("mapRunArn", JValue.FromString(mapRunArn!)).Build() : null;
            mapRunStarted = x.Emit(frame, "MapRunStarted", "mapRunStartedEventDetails", runDetails);
        }

        long lastClosing = 0;
        Action<long> closed = r => lastClosing = r;

        var results = new JValue[itemValues.Length];
        // The results held so far: past the payload limit the map fails now (DataLimitExceeded, as its result
        // would), instead of holding every iteration's output of a huge fan-out in memory first.
        var resultBytes = 2L;
        var resultLimit = _writer is null ? x.Engine.Options.MaxPayloadBytes : long.MaxValue;
        var failures = 0;
        StatesError? firstError = null;
        var running = new List<Task>();
        Task? crashed = null;
        var stop = false;

        // Iterations beside others can be aborted when one fails (AWS fails the Map at once).
        var concurrent = itemValues.Length > 1 && maxConcurrency != 1;
        // AWS runs at most 40 iterations of an inline Map at once (10,000 child executions of a distributed one),
        // whatever MaxConcurrency says: a nested fan-out never holds more than that many iterations per Map.
        var cap = Distributed ? MaxDistributedConcurrency : MaxInlineConcurrency;
        var limit = maxConcurrency > 0 && maxConcurrency < cap ? maxConcurrency : cap;
        using var group = concurrent ? CancellationTokenSource.CreateLinkedTokenSource(frame.Cancellation) : null;
        // Iterations beside others are units of work of their own: each holds one while it runs, and the map puts
        // its own down while it waits for them (a finished iteration hands its unit over until the map resumes).
        var tracker = concurrent ? x.Tracker : null;
        for (var i = 0; i < itemValues.Length && !stop; i++)
        {
            if (children is not null)
            {
                children[i].Started = true;
                children[i].StartDate = x.Time.GetUtcNow();
            }

            tracker?.Enter();
            var run = RunIteration(x, frame, itemValues[i], i, group, closed);
            if (run.IsCompletedSuccessfully)
            {
                tracker?.Exit();
                Record(run.Result, i);
                continue;
            }

            var index = i;
            running.Add(AwaitIteration(run, index));
            if (running.Count >= limit)
            {
                tracker?.Exit();
                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
                Observe(done);
            }
        }

        if (tracker is not null && running.Count > 0)
        {
            // One at a time: a finished iteration holds its unit until the map counts it, so it must be counted at once.
            tracker.Exit();
            while (true)
            {
                var done = await Task.WhenAny(running).ConfigureAwait(false);
                running.Remove(done);
                Observe(done);
                if (running.Count == 0)
                    break;
                tracker.Exit();
            }
        }
        else if (running.Count > 0)
        {
            await Task.WhenAll(running).ConfigureAwait(false);
        }

        if (crashed is not null)
            await crashed.ConfigureAwait(false);

        if (BranchAbort.Requested(x, frame))
        {
            // An enclosing branch was aborted: the map (run) ends Aborted, not Failed.
            if (Distributed)
                x.Emit(frame, "MapRunAborted");
            frame.PendingFailureEvent = AbortedEventType;
            return StateOutcome.Fail(BranchAbort.Error);
        }

        if (Distributed)
        {
            // A Distributed Map's iterations are child executions: the parent only records the map run.
            // MapRunSucceeded and MapStateSucceeded close it off the chain, so MapStateExited points at
            // MapRunStarted: every recording since November 2024 (4); the 16 older ones (February–July
            // 2024) point it at MapRunSucceeded, which AWS no longer does.
            frame.PreviousEventId = mapRunStarted;
            if (firstError is null)
            {
                var result = await MapResultAsync(x, scope.WithInput(effective), results, mapRunArn, children).ConfigureAwait(false);
                if (result.Failed)
                    return StateOutcome.DataFlowFail(result.Error);
                var runSucceeded = x.Emit(frame, "MapRunSucceeded", null, null, mapRunStarted, advance: false);
                x.Emit(frame, "MapStateSucceeded", null, null, runSucceeded, advance: false);
                return Completed(x, frame, input, result.Value, _payload, scope);
            }

            lastClosing = x.Emit(frame, "MapRunFailed");
        }

        if (firstError is not null)
        {
            // A failed Map Run still exports what its children did (and the PENDING ones it never started).
            if (_writer is not null && children is not null && (await MapResultAsync(x, scope.WithInput(effective), results, mapRunArn, children).ConfigureAwait(false)).Error is { } exportFailed)
                return StateOutcome.DataFlowFail(exportFailed);
            frame.PendingFailureEvent = "MapStateFailed";
            return StateOutcome.Fail(firstError);
        }

        // MapStateSucceeded and MapStateExited both point at the last MapIterationSucceeded (or MapRunSucceeded).
        if (lastClosing > 0)
            frame.PreviousEventId = lastClosing;
        var output = await MapResultAsync(x, scope.WithInput(effective), results, mapRunArn, children).ConfigureAwait(false);
        if (output.Failed)
            return StateOutcome.DataFlowFail(output.Error);
        x.Emit(frame, "MapStateSucceeded", null, null, frame.PreviousEventId, advance: false);
        return Completed(x, frame, input, output.Value, _payload, scope);

        async Task AwaitIteration(ValueTask<ScopeResult> pending, int index) => Record(await pending.ConfigureAwait(false), index);

        // A bug in an iteration (an exception, not a States error): no more iterations start, the running ones are
        // aborted and drained (each puts its unit down), then the exception fails the execution.
        void Observe(Task done)
        {
            if (done.IsCompletedSuccessfully)
                return;
            crashed ??= done;
            stop = true;
            group?.Cancel();
        }

        void Record(ScopeResult r, int index)
        {
            if (children is not null)
            {
                var child = children[index];
                child.StopDate = x.Time.GetUtcNow();
                if (!BranchAbort.Is(r.Error))
                {
                    child.Output = r.Output;
                    child.Error = r.Error;
                }
            }

            if (BranchAbort.Is(r.Error))
                return;

            // A success within the limit takes no lock: each iteration writes its own slot, and the total is one atomic add.
            if (r.Error is null)
            {
                results[index] = r.Output!;
                if (Interlocked.Add(ref resultBytes, r.Output!.Utf8Size + 1) <= resultLimit)
                    return;
            }

            var stopping = false;
            lock (results)
            {
                if (r.Error is null)
                {
                    if (firstError is not null)
                        return;
                    firstError = DataLimit(Name);
                    stopping = !stop;
                    stop = true;
                }
                else
                {
                    failures++;
                    results[index] = CompiledCatcher.ErrorOutput(r.Error);
                    var tolerated = toleratedCount is not null || toleratedPercentage is not null;
                    if (!tolerated)
                    {
                        firstError ??= r.Error;
                        stopping = !stop;
                        stop = true;
                    }
                    else if ((toleratedCount is int c && failures > c) || (toleratedPercentage is double p && failures * 100.0 / itemValues.Length > p))
                    {
                        firstError ??= new StatesError(StatesErrors.ExceedToleratedFailureThreshold, "The specified tolerated failure threshold was exceeded");
                        stopping = !stop;
                        stop = true;
                    }
                }
            }

            // The map fails now: iterations still running are aborted (outside the lock: their ends record here too).
            if (stopping)
                group?.Cancel();
        }
    }

    /// <summary>The outputs in item order, or what the ResultWriter makes of them.</summary>
    private ValueTask<Evaluated> MapResultAsync(Execution x, EvaluationScope scope, JValue[] results, string? mapRunArn, MapChildRun[]? children)
    {
        if (_writer is null || children is null)
            return new ValueTask<Evaluated>(JArray.Own(results));
        return _writer.FinishAsync(x, Name, scope, mapRunArn ?? MapRunArn(x), $"{x.Machine.Name}/{Label ?? Name}", children);
    }

    /// <summary>TestState with a mock: the iterations do not run; the mocked result (or error) stands for them.</summary>
    private StateOutcome Mocked(Execution x, Frame frame, JValue input, Testing.StateInspector test, Testing.StateTestMock mock, JValue effective, JArray items, int maxConcurrency, in EvaluationScope scope)
    {
        if (!IsJsonata)
            test.Data.AfterItemsPath = items;
        test.Data.MaxConcurrency = maxConcurrency;
        if (Tolerance(scope.WithInput(effective), out var toleratedCount, out var toleratedPercentage) is { } toleranceFailed)
            return StateOutcome.DataFlowFail(toleranceFailed);
        test.Data.ToleratedFailureCount = toleratedCount;
        test.Data.ToleratedFailurePercentage = toleratedPercentage;
        if (test.MapFailure(items.Count, toleratedCount, toleratedPercentage) is { } error)
            return StateOutcome.Fail(error);
        return Completed(x, frame, input, mock.Result ?? JValue.Null, _payload, scope);
    }

    protected override string? FailedEventType => "MapStateFailed";

    protected override string AbortedEventType => "MapStateAborted";

    private bool Distributed { get; }

    private string MapRunArn(Execution x)
    {
        var o = x.Engine.Options;
        return $"arn:aws:states:{o.Region}:{o.AccountId}:mapRun:{x.Machine.Name}/{Label ?? Name}:{x.Services.NewGuid()}";
    }

    private string? Label { get; }


    private ValueTask<ScopeResult> RunIteration(Execution x, Frame frame, JValue item, int index, CancellationTokenSource? group, Action<long> closed)
    {
        var indexValue = x.Recording ? JValue.FromNumber(index) : JNumber.Zero;
        var concurrent = group is not null;
        var iterationFrame = Distributed ? new Frame(frame, frame.PreviousEventId, silent: true, group?.Token, concurrent) : null;
        var startedId = Distributed ? 0 : x.Emit(frame, "MapIterationStarted", "mapIterationStartedEventDetails", _iterationDetails, indexValue);
        iterationFrame ??= new Frame(frame, startedId, cancellation: group?.Token, concurrent: concurrent);
        ValueTask<ScopeResult> run;
        try
        {
            run = ScopeRunner.RunAsync(x, Processor, iterationFrame, item);
        }
        catch (Exception e)
        {
            // A bug thrown at once becomes the iteration's faulted result, drained like any other (FinishAsync puts down
            // what its frame still holds).
            run = ValueTask.FromException<ScopeResult>(e);
        }

        if (run.IsCompletedSuccessfully)
        {
            var r = run.Result;
            Finished(x, frame, iterationFrame, r, indexValue, closed);
            return new ValueTask<ScopeResult>(r);
        }

        return FinishAsync(x, frame, iterationFrame, run, indexValue, closed);
    }

    private async ValueTask<ScopeResult> FinishAsync(Execution x, Frame frame, Frame iterationFrame, ValueTask<ScopeResult> run, JValue indexValue, Action<long> closed)
    {
        ScopeResult r;
        try
        {
            r = await run.ConfigureAwait(false);
        }
        catch
        {
            TrackedCall.Crashed(x, iterationFrame);
            throw;
        }

        Finished(x, frame, iterationFrame, r, indexValue, closed);
        return r;
    }

    /// <summary>
    /// MapIterationSucceeded/Failed point at the iteration's last event, and so does the next
    /// MapIterationStarted (AWS's chain skips the closing event).
    /// </summary>
    private void Finished(Execution x, Frame frame, Frame iterationFrame, ScopeResult r, JValue indexValue, Action<long> closed)
    {
        if (Distributed)
            return;
        var last = iterationFrame.PreviousEventId;
        var ok = r.Error is null;
        var (type, detailsName) = ok ? ("MapIterationSucceeded", "mapIterationSucceededEventDetails")
            : BranchAbort.Is(r.Error) ? ("MapIterationAborted", "mapIterationAbortedEventDetails")
            : ("MapIterationFailed", "mapIterationFailedEventDetails");
        var id = x.Emit(frame, type, detailsName, _iterationDetails, indexValue, last, advance: false);
        frame.PreviousEventId = last;
        closed(id);
    }

    /// <summary>The items (a JArray), or the error selecting them.</summary>
    private Evaluated Items(JValue effective, in EvaluationScope scope)
    {
        JValue items;
        if (_items is not null)
        {
            var e = _items.Evaluate(scope);
            if (e.Failed)
                return e;
            items = e.Value;
            if (items is not JArray)
            {
                var text = _items.ExpressionText ?? items.ToString();
                return Evaluated.Fail(StatesErrors.QueryEvaluationError, $"The JSONata expression '{text}' specified for the field 'Items' returned an unexpected result type. Expected 'array', but was '{items.TypeName}' for value: {items}");
            }
        }
        else if (_itemsPath is not null)
        {
            var selected = _itemsPath.Select(scope.WithInput(effective));
            if (selected is null)
                return Evaluated.Fail(StatesErrors.Runtime, PathErrors.InvalidPath(_itemsPath, effective));
            items = selected;
            if (items is not JArray)
            {
                // AWS names the path as evaluated: a context path ($$.x) against the context object ($.x).
                var text = _itemsPath.Text.StartsWith("$$", StringComparison.Ordinal) ? _itemsPath.Text[1..] : _itemsPath.Text;
                return Evaluated.Fail(StatesErrors.Runtime, $"Reference path \"{text}\" must point to array.");
            }
        }
        else
        {
            items = effective;
        }

        return items is JArray ? items : Evaluated.Fail(IsJsonata ? StatesErrors.QueryEvaluationError : StatesErrors.Runtime, $"Map state input must be an array but was: {items}");
    }

    private Evaluated Select(Execution x, StateEntry entry, JValue context, Frame frame, JValue effective, JValue item, int index)
    {
        if (_selector is null && _jsonataSelector is null)
            return item;
        var map = new JObjectBuilder(1).AddUnique("Item", new JObjectBuilder(2).AddUnique("Index", JValue.FromNumber(index)).AddUnique("Value", item).Build()).Build();
        var itemContext = x.Context(Name, entry.Time, null, map);
        var scope = x.Scope(effective, itemContext, frame);
        return _selector is not null ? _selector.Evaluate(scope) : _jsonataSelector!.Evaluate(scope);
    }

    private StatesError? MaxConcurrency(in EvaluationScope scope, out int maxConcurrency)
    {
        maxConcurrency = 0;
        if (_maxConcurrency is JNumber n)
        {
            maxConcurrency = (int)n.Value;
            return null;
        }

        if (_maxConcurrencyExpr is not null)
        {
            var e = _maxConcurrencyExpr.Evaluate(scope);
            if (e.Failed)
                return e.Error;
            if (e.Value is JNumber m && m.IsIntegral && m.Value >= 0)
            {
                maxConcurrency = (int)Math.Min(m.Value, int.MaxValue);
                return null;
            }

            return new(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field 'MaxConcurrency' returned an unexpected result type. Expected 'integer', but was '{e.Value.TypeName}' for value: {e.Value}");
        }

        if (_maxConcurrencyPath is not null)
        {
            var v = _maxConcurrencyPath.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, PathErrors.InvalidPath(_maxConcurrencyPath, scope.Input));
            if (TryNumber(v, out var m) && Math.Floor(m) == m && m >= 0)
            {
                maxConcurrency = (int)Math.Min(m, int.MaxValue);
                return null;
            }

            return new(StatesErrors.Runtime, $"The MaxConcurrencyPath field refers to value \"{Plain(v)}\" which is not a valid integer: {_maxConcurrencyPath.Text}");
        }

        return null;
    }

    private StatesError? Tolerance(in EvaluationScope scope, out int? count, out double? percentage)
    {
        count = null;
        percentage = null;
        if (_toleratedCount is JNumber c)
        {
            count = (int)c.Value;
        }
        else if (_toleratedCountExpr is not null)
        {
            if (Number(_toleratedCountExpr.Evaluate(scope), "ToleratedFailureCount", out var n) is { } failed)
                return failed;
            count = (int)n;
        }
        else if (_toleratedCountPath is not null)
        {
            var v = _toleratedCountPath.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, PathErrors.InvalidPath(_toleratedCountPath, scope.Input));
            if (!TryNumber(v, out var n) || Math.Floor(n) != n)
                return new(StatesErrors.Runtime, $"The ToleratedFailureCountPath field refers to value \"{Plain(v)}\" which is not a valid integer: {_toleratedCountPath.Text}");
            count = (int)n;
        }

        if (_toleratedPercentage is JNumber p)
        {
            percentage = p.Value;
        }
        else if (_toleratedPercentageExpr is not null)
        {
            if (Number(_toleratedPercentageExpr.Evaluate(scope), "ToleratedFailurePercentage", out var n) is { } failed)
                return failed;
            percentage = n;
        }
        else if (_toleratedPercentagePath is not null)
        {
            var v = _toleratedPercentagePath.Select(scope);
            if (v is null)
                return new(StatesErrors.Runtime, PathErrors.InvalidPath(_toleratedPercentagePath, scope.Input));
            if (!TryNumber(v, out var n))
                return new(StatesErrors.Runtime, $"The ToleratedFailurePercentagePath field refers to value \"{Plain(v)}\" which is not a valid float: {_toleratedPercentagePath.Text}");
            percentage = n;
        }

        if (count < 0)
            return new(StatesErrors.Runtime, "ToleratedFailureCount cannot be negative.");
        if (percentage is < 0 or > 100)
            return new(StatesErrors.Runtime, "ToleratedFailurePercentage must be between 0 and 100.");
        return null;
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

    private static StatesError? Number(Evaluated e, string field, out double value)
    {
        value = 0;
        if (e.Failed)
            return e.Error;
        if (e.Value is not JNumber n)
            return new(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field '{field}' returned an unexpected result type. Expected 'number', but was '{e.Value.TypeName}' for value: {e.Value}");
        value = n.Value;
        return null;
    }

    private static string Plain(JValue v) => v switch
    {
        JString s => s.Value,
        JNumber n => n.ToJsonText().ToString(CultureInfo.InvariantCulture),
        _ => v.ToString(),
    };
}
