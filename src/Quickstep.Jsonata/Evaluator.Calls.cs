using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Operators, function calls, partial application, chaining, the trampoline and transforms.</summary>
internal sealed partial class Evaluator
{
    private JValue? EvalBinary(Node expr, JValue? input, Frame env)
    {
        var lhs = Eval(expr.Lhs!, input, env);
        var op = expr.Op;
        if (op == BinaryOp.And)
            return JValue.FromBool(Values.Boolean(lhs) == true && Values.Boolean(Eval(expr.Rhs!, input, env)) == true);
        if (op == BinaryOp.Or)
            return JValue.FromBool(Values.Boolean(lhs) == true || Values.Boolean(Eval(expr.Rhs!, input, env)) == true);
        var rhs = Eval(expr.Rhs!, input, env);
        switch (op)
        {
            case BinaryOp.Add:
            case BinaryOp.Subtract:
            case BinaryOp.Multiply:
            case BinaryOp.Divide:
            case BinaryOp.Modulo:
                {
                    if (lhs is not null && !Values.IsNumeric(lhs))
                        throw new JsonataException("T2001", "The left side of the " + expr.Value + " operator must evaluate to a number", expr.Position) { Value = lhs };
                    if (rhs is not null && !Values.IsNumeric(rhs))
                        throw new JsonataException("T2002", "The right side of the " + expr.Value + " operator must evaluate to a number", expr.Position) { Value = rhs };
                    if (lhs is null || rhs is null)
                        return null;
                    var l = ((JNumber)lhs).Value;
                    var r = ((JNumber)rhs).Value;
                    return JsNumber.Create(op switch
                    {
                        BinaryOp.Add => l + r,
                        BinaryOp.Subtract => l - r,
                        BinaryOp.Multiply => l * r,
                        BinaryOp.Divide => l / r,
                        _ => l % r,
                    });
                }

            case BinaryOp.Equal:
                return JValue.FromBool(lhs is not null && rhs is not null && Values.DeepEquals(lhs, rhs));
            case BinaryOp.NotEqual:
                return JValue.FromBool(lhs is not null && rhs is not null && !Values.DeepEquals(lhs, rhs));
            case BinaryOp.Less:
            case BinaryOp.LessEqual:
            case BinaryOp.Greater:
            case BinaryOp.GreaterEqual:
                {
                    var lc = lhs is null or JString || Values.IsNumeric(lhs);
                    var rc = rhs is null or JString || Values.IsNumeric(rhs);
                    if (!lc || !rc)
                        throw new JsonataException("T2010", "The expressions either side of operator " + expr.Value + " must evaluate to numeric or string values", expr.Position) { Value = !lc ? lhs : rhs };
                    if (lhs is null || rhs is null)
                        return null;
                    if (lhs.Kind != rhs.Kind)
                        throw new JsonataException("T2009", "The values either side of operator " + expr.Value + " must be of the same data type", expr.Position) { Value = lhs };
                    var c = lhs is JNumber ln ? ln.Value.CompareTo(((JNumber)rhs).Value) : string.CompareOrdinal(((JString)lhs).Value, ((JString)rhs).Value);
                    return JValue.FromBool(op switch
                    {
                        BinaryOp.Less => c < 0,
                        BinaryOp.LessEqual => c <= 0,
                        BinaryOp.Greater => c > 0,
                        _ => c >= 0,
                    });
                }

            case BinaryOp.Concat:
                {
                    var joined = (lhs is null ? string.Empty : Values.FnString(lhs)) + (rhs is null ? string.Empty : Values.FnString(rhs));
                    Charge(joined.Length);
                    return Values.CheckedString(joined);
                }

            case BinaryOp.In:
                {
                    if (lhs is null || rhs is null)
                        return JValue.False;
                    if (rhs is IReadOnlyList<JValue> list)
                    {
                        for (var i = 0; i < list.Count; i++)
                        {
                            if (Values.StrictEquals(lhs, list[i]))
                                return JValue.True;
                        }

                        return JValue.False;
                    }

                    return JValue.FromBool(Values.StrictEquals(lhs, rhs));
                }

            case BinaryOp.Range:
                {
                    if (lhs is not null && !Values.IsInteger(lhs))
                        throw new JsonataException("T2003", "The left side of the range operator (..) must evaluate to an integer", expr.Position) { Value = lhs };
                    if (rhs is not null && !Values.IsInteger(rhs))
                        throw new JsonataException("T2004", "The right side of the range operator (..) must evaluate to an integer", expr.Position) { Value = rhs };
                    if (lhs is null || rhs is null)
                        return null;
                    var from = ((JNumber)lhs).Value;
                    var to = ((JNumber)rhs).Value;
                    if (from > to)
                        return null;
                    var size = to - from + 1;
                    if (size > 1e7)
                        throw new JsonataException("D2014", "The size of the sequence allocated by the range operator (..) must not exceed 1e7", expr.Position);
                    Charge((long)size);
                    var seq = new Seq(true, (int)size);
                    for (var k = 0; k < (int)size; k++)
                    {
                        // Ten million items take seconds: the time limit and the host's stop are seen while they are built.
                        if ((k & 0x3FFF) == 0x3FFF)
                            CheckLimits(expr);
                        seq.Add(JsNumber.Create(from + k));
                    }
                    return seq;
                }

            default:
                throw new JsonataException("S0201", "Unknown operator " + expr.Value, expr.Position);
        }
    }

    private JValue? EvalFunction(Node expr, JValue? input, Frame env, JValue? applyTo, bool hasApplyTo)
    {
        var proc = Eval(expr.Procedure!, input, env);
        if (proc is null && expr.Procedure!.Type == NodeType.Path && env.Lookup(expr.Procedure.Steps![0].Value!) is not null)
            throw new JsonataException("T1005", "Attempted to invoke a non-function. Did you mean ${" + expr.Procedure.Steps[0].Value + "}?", expr.Position);
        var args = new List<JValue?>(expr.Arguments!.Count + 1);
        if (hasApplyTo)
            args.Add(applyTo);
        foreach (var a in expr.Arguments)
            args.Add(Eval(a, input, env));
        try
        {
            return Apply(proc, args, input);
        }
        catch (JsonataException e) when (e.Position is null)
        {
            throw new JsonataException(e.Code, e.Message, expr.Position) { Value = e.Value };
        }
    }

    private PartialFunction? EvalPartial(Node expr, JValue? input, Frame env)
    {
        var n = expr.Arguments!.Count;
        var args = new JValue?[n];
        var holes = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (expr.Arguments[i].Type == NodeType.Placeholder)
                holes[i] = true;
            else
                args[i] = Eval(expr.Arguments[i], input, env);
        }

        var proc = Eval(expr.Procedure!, input, env);
        if (proc is null && expr.Procedure!.Type == NodeType.Path && env.Lookup(expr.Procedure.Steps![0].Value!) is not null)
            throw new JsonataException("T1007", "Attempted to partially apply a non-function. Did you mean ${" + expr.Procedure.Steps[0].Value + "}?", expr.Position);
        if (proc is not JsonataFunction f)
            throw new JsonataException("T1008", "Attempted to partially apply a non-function", expr.Position);
        return new PartialFunction(f, args, holes);
    }

    private JValue? EvalApply(Node expr, JValue? input, Frame env)
    {
        var lhs = Eval(expr.Lhs!, input, env);
        if (expr.Rhs!.Type == NodeType.Function)
            return EvalFunction(expr.Rhs, input, env, lhs, true);
        var func = Eval(expr.Rhs, input, env);
        if (func is not JsonataFunction f)
            throw new JsonataException("T2006", "The right side of the function application operator ~> must be a function", expr.Position) { Value = func };
        if (lhs is JsonataFunction lf)
            return new ChainFunction(lf, f);
        return Apply(f, [lhs], null);
    }

    /// <summary>Calls a function value, running tail-call thunks in a loop so deep tail recursion does not nest.</summary>
    public JValue? Apply(JValue? proc, List<JValue?> args, JValue? input)
    {
        var result = ApplyInner(proc, args, input);
        while (result is LambdaFunction { Thunk: true } thunk)
        {
            if ((++_steps & 63) == 0)
                CheckLimits(thunk.Node);
            var call = thunk.Node.Body!;
            var next = Eval(call.Procedure!, thunk.Input, thunk.Env);
            var evaluated = new List<JValue?>(call.Arguments!.Count);
            foreach (var a in call.Arguments)
                evaluated.Add(Eval(a, thunk.Input, thunk.Env));
            result = ApplyInner(next, evaluated, input);
        }

        return result;
    }

    private JValue? ApplyInner(JValue? proc, List<JValue?> args, JValue? input)
    {
        if (proc is not JsonataFunction f)
            throw new JsonataException("T1006", "Attempted to invoke a non-function");
        var validated = f.Signature is { } sig ? sig.Validate(args, input) : args;
        switch (f)
        {
            case LambdaFunction l:
                return ApplyProcedure(l, validated);
            case BuiltinFunction b:
                try
                {
                    return b.Impl(this, validated, input);
                }
                catch (Exception e) when (e is InvalidOperationException or InvalidCastException or ArgumentException or FormatException or OverflowException or IndexOutOfRangeException or NullReferenceException)
                {
                    // An argument the signature lets through but the function cannot use (e.g. an undefined count):
                    // a JSONata error the workflow can catch, never a host fault.
                    throw new JsonataException("T0410", "Invalid argument to function " + b.Name + ": " + e.Message);
                }
            case PartialFunction p:
                {
                    var filled = p.Fill(validated);
                    return p.Target is LambdaFunction pl ? ApplyProcedure(pl, filled) : ApplyInner(p.Target, filled, input);
                }

            case ChainFunction c:
                return Apply(c.Second, [Apply(c.First, [validated.Count > 0 ? validated[0] : null], input)], input);
            case RegexFunction r:
                return validated.Count > 0 && validated[0] is JString s ? Builtins.RegexMatchObject(r.Regex, s.Value, 0) : null;
            case TransformFunction t:
                return ApplyTransform(t, validated.Count > 0 ? validated[0] : null);
            default:
                throw new JsonataException("T1006", "Attempted to invoke a non-function");
        }
    }

    private JValue? ApplyProcedure(LambdaFunction l, List<JValue?> args)
    {
        var env = new Frame(l.Env);
        var ps = l.Node.Arguments!;
        for (var i = 0; i < ps.Count; i++)
            env.Bind(ps[i].Value!, i < args.Count ? args[i] : null);
        return Eval(l.Node.Body!, l.Input, env);
    }

    /// <summary>Calls a function argument of a higher-order function with as many of (value, index, array) as it takes.</summary>
    public JValue? CallHof(JsonataFunction f, JValue? value, int index, JValue? array)
    {
        var arity = f.Arity;
        var args = new List<JValue?>(3) { value };
        if (arity >= 2)
            args.Add(JsNumber.Create(index));
        if (arity >= 3)
            args.Add(array);
        return Apply(f, args, null);
    }

    private JValue? ApplyTransform(TransformFunction tf, JValue? obj)
    {
        if (obj is null)
            return null;
        var node = tf.Node;
        var matches = Eval(node.Pattern!, obj, tf.Env);
        if (matches is null)
            return ToStored(obj);
        IReadOnlyList<JValue> list = matches is IReadOnlyList<JValue> ml ? ml : Seq.Of(matches);
        var changes = new Dictionary<JObject, (List<KeyValuePair<string, JValue>> Sets, List<string> Deletes)>(ReferenceEqualityComparer.Instance);
        for (var i = 0; i < list.Count; i++)
        {
            var match = list[i];
            var update = Eval(node.Update!, match, tf.Env);
            if (update is not null && update is not JObject)
                throw new JsonataException("T2011", "The insert/update clause of the transform expression must evaluate to an object") { Value = update };
            List<string>? deletes = null;
            if (node.Delete is not null)
            {
                var deletions = Eval(node.Delete, match, tf.Env);
                if (deletions is not null)
                {
                    deletes = [];
                    if (deletions is JString ds)
                    {
                        deletes.Add(ds.Value);
                    }
                    else if (deletions is IReadOnlyList<JValue> dl)
                    {
                        for (var k = 0; k < dl.Count; k++)
                        {
                            if (dl[k] is not JString dks)
                                throw new JsonataException("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings") { Value = deletions };
                            deletes.Add(dks.Value);
                        }
                    }
                    else
                    {
                        throw new JsonataException("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings") { Value = deletions };
                    }
                }
            }

            if (match is not JObject mo)
                continue;
            if (!changes.TryGetValue(mo, out var change))
            {
                change = ([], []);
                changes[mo] = change;
            }

            if (update is JObject uo)
            {
                foreach (var p in uo.AsSpan())
                    change.Sets.Add(p);
            }

            if (deletes is not null)
                change.Deletes.AddRange(deletes);
        }

        return Rebuild(ToStored(obj)!, changes);
    }

    private static JValue Rebuild(JValue v, Dictionary<JObject, (List<KeyValuePair<string, JValue>> Sets, List<string> Deletes)> changes)
    {
        if (v is JObject o)
        {
            JObject result = o;
            var span = o.AsSpan();
            KeyValuePair<string, JValue>[]? props = null;
            for (var i = 0; i < span.Length; i++)
            {
                var nv = Rebuild(span[i].Value, changes);
                if (!ReferenceEquals(nv, span[i].Value))
                {
                    props ??= span.ToArray();
                    props[i] = new(span[i].Key, nv);
                }
            }

            if (props is not null)
                result = JObject.Own(props);
            if (changes.TryGetValue(o, out var change))
            {
                foreach (var p in change.Sets)
                    result = result.With(p.Key, p.Value);
                foreach (var d in change.Deletes)
                    result = result.Without(d);
            }

            return result;
        }

        if (v is JArray a)
        {
            JValue[]? items = null;
            var span = a.AsSpan();
            for (var i = 0; i < span.Length; i++)
            {
                var nv = Rebuild(span[i], changes);
                if (!ReferenceEquals(nv, span[i]))
                {
                    items ??= span.ToArray();
                    items[i] = nv;
                }
            }

            return items is null ? a : JArray.Own(items);
        }

        return v;
    }
}
