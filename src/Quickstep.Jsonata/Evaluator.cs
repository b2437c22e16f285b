using System.Diagnostics;
using System.Runtime.CompilerServices;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>
/// Evaluates a processed AST. One instance per evaluation (it holds the depth counter, the deadline and
/// the evaluation's clock reading); the AST it walks is shared and never changed.
/// </summary>
internal sealed partial class Evaluator
{
    private readonly int _maxDepth;
    private readonly long _timeoutTicks;
    private long _allocationLeft;
    private long _deadline;
    private int _depth;
    private int _steps;
    private bool _storedFunction;
    private DateTimeOffset? _now;

    public Evaluator(IJsonataServices services, EvaluationLimits limits)
    {
        Services = services;
        _maxDepth = limits.MaxDepth;
        _timeoutTicks = (long)(limits.Timeout.TotalSeconds * Stopwatch.Frequency);
        _allocationLeft = limits.MaxAllocation;
    }

    public IJsonataServices Services { get; }

    /// <summary>$now() and $millis() return the same instant throughout one evaluation.</summary>
    public DateTimeOffset Now => _now ??= Services.UtcNow;

    public JValue? Eval(Node expr, JValue? input, Frame env)
    {
        if (++_depth > _maxDepth)
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.", expr.Position);
        if ((++_steps & 63) == 0)
            CheckLimits(expr);
        var result = EvalCore(expr, input, env);
        if (expr.Predicate is not null)
        {
            foreach (var p in expr.Predicate)
                result = EvalFilter(p.Expression!, result, env);
        }

        if (expr.Type != NodeType.Path && expr.Group is not null)
            result = EvalGroup(expr.Group, result, env);
        if (result is Seq s && s.IsSequence)
        {
            if (expr.KeepArray)
                s.KeepSingleton = true;
            if (s.Count == 0)
                result = null;
            else if (s.Count == 1 && !s.KeepSingleton)
                result = s.Items[0];
        }

        _depth--;
        return result;
    }

    private void CheckLimits(Node? expr)
    {
        // The clock starts at the first check (64 steps in): simple expressions never read it.
        var now = Stopwatch.GetTimestamp();
        if (_deadline == 0)
            _deadline = now + _timeoutTicks;
        else if (now > _deadline)
            throw new JsonataException("U1001", "Expression evaluation timeout: Check for infinite loop", expr?.Position);
        // The host's stop (an interface call every 64 steps; not kept in a field: one per evaluation is allocated).
        Services.Guard?.ThrowIfStopped();
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.", expr?.Position);
    }

    /// <summary>One unit of work inside a built-in's loop: the time limit and the host's stop are seen there too, not only between steps.</summary>
    public void Tick()
    {
        if ((++_steps & 63) == 0)
            CheckLimits(null);
    }

    /// <summary>
    /// Counts <paramref name="units"/> (array items or string characters) about to be built; over the evaluation's
    /// allocation budget the evaluation fails (U1001) instead of taking the process's memory.
    /// </summary>
    public void Charge(long units)
    {
        _allocationLeft -= units;
        if (_allocationLeft < 0)
            throw new JsonataException("U1001", "Memory limit exceeded: the expression built more array items and string characters than its evaluation may (EvaluationLimits.MaxAllocation)");
        if (units >= 4096)
            CheckLimits(null);
    }

    /// <summary>
    /// The value handed to the caller: plain JSON as JSON.stringify would write it (a function inside an object
    /// is left out, inside an array becomes null, and a function result is undefined).
    /// </summary>
    public JValue? ToOutput(JValue? result)
    {
        var sawFunction = false;
        var stored = ToStored(result, ref sawFunction);
        if (stored is JsonataFunction)
            return null;
        return sawFunction || _storedFunction ? StripFunctions(stored!) : stored;
    }

    private static JValue StripFunctions(JValue v)
    {
        switch (v)
        {
            case JObject o:
                {
                    var b = new JObjectBuilder(o.Count);
                    var changed = false;
                    foreach (var p in o.AsSpan())
                    {
                        if (p.Value is JsonataFunction)
                        {
                            changed = true;
                            continue;
                        }

                        var nv = StripFunctions(p.Value);
                        changed |= !ReferenceEquals(nv, p.Value);
                        b.AddUnique(p.Key, nv);
                    }

                    return changed ? b.Build() : o;
                }

            case JArray a:
                {
                    JValue[]? items = null;
                    var span = a.AsSpan();
                    for (var i = 0; i < span.Length; i++)
                    {
                        var nv = span[i] is JsonataFunction ? JValue.Null : StripFunctions(span[i]);
                        if (!ReferenceEquals(nv, span[i]))
                        {
                            items ??= span.ToArray();
                            items[i] = nv;
                        }
                    }

                    return items is null ? a : JArray.Own(items);
                }

            default:
                return v;
        }
    }

    private JValue? EvalCore(Node expr, JValue? input, Frame env)
    {
        switch (expr.Type)
        {
            case NodeType.Path:
                return EvalPath(expr, input, env);
            case NodeType.Binary:
                return EvalBinary(expr, input, env);
            case NodeType.Negate:
                {
                    var v = Eval(expr.Expression!, input, env);
                    if (v is null)
                        return null;
                    if (v is JNumber n)
                        return JsNumber.Create(-n.Value);
                    throw new JsonataException("D1002", "Cannot negate a non-numeric value", expr.Position) { Value = v };
                }

            case NodeType.ArrayConstructor:
                {
                    var result = new Seq(false, expr.Expressions!.Count);
                    foreach (var item in expr.Expressions)
                    {
                        var v = Eval(item, input, env);
                        if (v is null)
                            continue;
                        if (item.Type == NodeType.ArrayConstructor)
                            result.Add(v);
                        else
                            AppendInto(result, v);
                    }

                    if (expr.ConsArray)
                        result.Cons = true;
                    return result;
                }

            case NodeType.ObjectConstructor:
                return EvalGroup(expr.Pairs!, input, env);
            case NodeType.Name:
                return Lookup(input, expr.Value!);
            case NodeType.String:
            case NodeType.Number:
            case NodeType.Value:
                return expr.Literal;
            case NodeType.Wildcard:
                return EvalWildcard(input);
            case NodeType.Descendant:
                return EvalDescendants(input);
            case NodeType.Parent:
                return env.Lookup(expr.Slot!.Label);
            case NodeType.Condition:
                {
                    var c = Eval(expr.Condition!, input, env);
                    if (Values.Boolean(c) == true)
                        return Eval(expr.Then!, input, env);
                    return expr.Else is null ? null : Eval(expr.Else, input, env);
                }

            case NodeType.Elvis:
                {
                    var v = Eval(expr.Lhs!, input, env);
                    return Values.Boolean(v) == true ? v : Eval(expr.Rhs!, input, env);
                }

            case NodeType.Coalesce:
                {
                    var v = Eval(expr.Lhs!, input, env);
                    return v ?? Eval(expr.Rhs!, input, env);
                }

            case NodeType.Block:
                {
                    var frame = new Frame(env);
                    JValue? result = null;
                    foreach (var e in expr.Expressions!)
                        result = Eval(e, input, frame);
                    return result;
                }

            case NodeType.Bind:
                {
                    var v = Eval(expr.Rhs!, input, env);
                    env.Bind(expr.Lhs!.Value!, v);
                    return v;
                }

            case NodeType.Regex:
                return expr.RegexFunction ?? new RegexFunction(expr.Regex!);
            case NodeType.Function:
                return EvalFunction(expr, input, env, null, false);
            case NodeType.Partial:
                return EvalPartial(expr, input, env);
            case NodeType.Variable:
                if (expr.Value!.Length == 0)
                    return input is Seq { OuterWrapper: true } w ? w.Items[0] : input;
                return env.Lookup(expr.Value);
            case NodeType.Lambda:
                return new LambdaFunction(expr, input, env);
            case NodeType.Apply:
                return EvalApply(expr, input, env);
            case NodeType.Transform:
                return new TransformFunction(expr, env);
            case NodeType.Sort:
                return EvalSort(expr, AsSequence(input), env);
            default:
                throw new JsonataException("S0206", "Unknown expression type: " + expr.Type, expr.Position);
        }
    }

    internal static Seq AsSequence(JValue? v)
    {
        if (v is Seq s)
            return s;
        if (v is JArray a)
        {
            var r = new Seq(true, a.Count);
            foreach (var item in a.AsSpan())
                r.Add(item);
            return r;
        }

        return Seq.Of(v);
    }

    /// <summary>fn.append semantics into an array under construction, counted against the allocation budget.</summary>
    internal void AppendInto(Seq target, JValue value)
    {
        if (value is IReadOnlyList<JValue> list)
            Charge(list.Count);
        SpliceInto(target, value);
    }

    /// <summary>fn.append semantics: arrays are spliced, other values added (uncounted: for walks bounded by the input).</summary>
    internal static void SpliceInto(Seq target, JValue value)
    {
        if (value is IReadOnlyList<JValue> list)
        {
            Values.CheckArrayLength((long)target.Count + list.Count);
            if (value is Seq s)
            {
                foreach (var item in s.Items)
                    target.Items.Add(item);
            }
            else
            {
                for (var i = 0; i < list.Count; i++)
                    target.Items.Add(list[i]);
            }
        }
        else
        {
            target.Items.Add(value);
        }
    }

    /// <summary>$append: undefined on either side yields the other; otherwise a new array.</summary>
    internal JValue? Append(JValue? a, JValue? b)
    {
        if (a is null)
            return b;
        if (b is null)
            return a;
        var r = new Seq(false);
        AppendInto(r, a);
        AppendInto(r, b);
        return r;
    }

    internal static JValue? Lookup(JValue? input, string key)
    {
        if (input is JObject o)
            return o[key];
        if (input is IReadOnlyList<JValue> list)
        {
            var result = new Seq(true, list.Count);
            for (var i = 0; i < list.Count; i++)
            {
                var res = Lookup(list[i], key);
                if (res is null)
                    continue;
                if (res is IReadOnlyList<JValue>)
                    SpliceInto(result, res);
                else
                    result.Add(res);
            }

            return result;
        }

        return null;
    }

    private static Seq EvalWildcard(JValue? input)
    {
        var results = new Seq();
        if (input is Seq { OuterWrapper: true } w && w.Count > 0)
            input = w.Items[0];
        if (input is JObject o)
        {
            foreach (var p in o.AsSpan())
            {
                if (p.Value is IReadOnlyList<JValue>)
                    Flatten(p.Value, results);
                else
                    results.Add(p.Value);
            }
        }
        else if (input is IReadOnlyList<JValue> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is IReadOnlyList<JValue>)
                    Flatten(list[i], results);
                else
                    results.Add(list[i]);
            }
        }

        return results;
    }

    internal static void Flatten(JValue? v, Seq into)
    {
        if (v is IReadOnlyList<JValue> list)
        {
            for (var i = 0; i < list.Count; i++)
                Flatten(list[i], into);
        }
        else
        {
            into.Add(v);
        }
    }

    private static JValue? EvalDescendants(JValue? input)
    {
        if (input is null)
            return null;
        var result = new Seq();
        Recurse(input, result);
        return result.Count == 1 ? result.Items[0] : result;

        static void Recurse(JValue? v, Seq results)
        {
            if (v is IReadOnlyList<JValue> list)
            {
                for (var i = 0; i < list.Count; i++)
                    Recurse(list[i], results);
                return;
            }

            results.Add(v);
            if (v is JObject o)
            {
                foreach (var p in o.AsSpan())
                    Recurse(p.Value, results);
            }
        }
    }

    /// <summary>Converts an evaluator value to plain JSON containers (sequences become <see cref="JArray"/>).</summary>
    internal static JValue? ToStored(JValue? v)
    {
        var ignored = false;
        return ToStored(v, ref ignored);
    }

    /// <summary>As <see cref="ToStored(JValue?)"/>, noting whether a function value went into a container.</summary>
    internal static JValue? ToStored(JValue? v, ref bool sawFunction)
    {
        switch (v)
        {
            case JsonataFunction:
                sawFunction = true;
                return v;
            case Seq s:
                {
                    var items = new List<JValue>(s.Count);
                    foreach (var item in s.Items)
                    {
                        if (item is not null)
                            items.Add(ToStored(item, ref sawFunction)!);
                    }

                    return JArray.Own([.. items]);
                }

            case TupleSeq t:
                {
                    var items = new List<JValue>(t.Items.Count);
                    foreach (var item in t.Items)
                    {
                        if (item.At is not null)
                            items.Add(ToStored(item.At)!);
                    }

                    return JArray.Own([.. items]);
                }

            default:
                return v;
        }
    }
}
