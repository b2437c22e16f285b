using Quickstep.Json;
using Group = (int ExprIndex, Quickstep.Json.JValue? Data, System.Collections.Generic.List<Quickstep.Jsonata.TupleBinding>? Tuples);

namespace Quickstep.Jsonata;

/// <summary>Paths, steps, tuple streams, predicates, sorting and grouping.</summary>
internal sealed partial class Evaluator
{
    private JValue? EvalPath(Node expr, JValue? input, Frame env)
    {
        var steps = expr.Steps!;
        if (expr.SimpleNames is { } names && TrySimplePath(expr, names, input, env, out var simple))
            return simple;

        JValue inputSeq = input is IReadOnlyList<JValue> && steps[0].Type != NodeType.Variable ? input : Seq.Of(input);
        JValue? resultSeq = null;
        var isTuple = false;
        TupleSeq? tuples = null;
        for (var i = 0; i < steps.Count; i++)
        {
            var step = steps[i];
            if (step.Tuple)
                isTuple = true;
            if (i == 0 && step.ConsArray)
                resultSeq = Eval(step, inputSeq, env);
            else if (isTuple)
                tuples = EvalTupleStep(step, (IReadOnlyList<JValue>)inputSeq, tuples, env);
            else
                resultSeq = EvalStep(step, (IReadOnlyList<JValue>)inputSeq, env, i == steps.Count - 1);
            if (!isTuple && (resultSeq is null || (resultSeq is IReadOnlyList<JValue> { Count: 0 })))
                break;
            if (step.Focus is null)
                inputSeq = resultSeq is IReadOnlyList<JValue> ? resultSeq : Seq.Of(resultSeq);
        }

        if (isTuple)
        {
            if (expr.Tuple)
            {
                resultSeq = tuples;
            }
            else
            {
                var s = new Seq(true, tuples?.Items.Count ?? 0);
                if (tuples is not null)
                {
                    foreach (var t in tuples.Items)
                        s.Add(t.At);
                }

                resultSeq = s;
            }
        }

        if (expr.KeepSingletonArray)
        {
            if (resultSeq is Seq { Cons: true, IsSequence: false } cons)
                resultSeq = Seq.Of(cons);
            if (resultSeq is Seq ks)
                ks.KeepSingleton = true;
        }

        if (expr.Group is not null)
            resultSeq = EvalGroup(expr.Group, isTuple ? tuples : resultSeq, env);
        return resultSeq;
    }

    /// <summary>
    /// A variable followed by plain names (optionally with constant indexes) over single objects: the result
    /// the general path would give, without building sequences. False when the data needs the general path.
    /// </summary>
    private bool TrySimplePath(Node expr, string[] names, JValue? input, Frame env, out JValue? v)
    {
        var steps = expr.Steps!;
        var indexes = expr.SimpleIndexes!;
        var n = 0;
        if (TryHostField(steps[0], names[0], env, out v))
        {
            n = 1;
            if (v is null || !ApplyIndex(ref v, indexes[0], names.Length == 1))
                return v is null;
        }
        else
        {
            v = Eval(steps[0], input, env);
        }

        for (; n < names.Length; n++)
        {
            if (v is null)
                return true;
            if (v is not JObject o)
                return false;
            v = o[names[n]];
            if (v is null)
                return true;
            if (!ApplyIndex(ref v, indexes[n], n == names.Length - 1))
                return false;
        }

        return v is not Seq;
    }

    private static bool ApplyIndex(ref JValue? v, int? index, bool lastStep)
    {
        if (index is not { } i)
            return true;
        if (v is JArray arr)
        {
            if (i < 0)
                i += arr.Count;
            v = i >= 0 && i < arr.Count ? arr[i] : null;
            return v is not JArray || lastStep;
        }

        if (v is Seq)
            return false;
        if (i is not (0 or -1))
            v = null;
        return true;
    }

    private JValue? EvalStep(Node step, IReadOnlyList<JValue> input, Frame env, bool lastStep)
    {
        if (step.Type == NodeType.Sort)
        {
            JValue? sorted = EvalSort(step, (JValue)input, env);
            if (step.Stages is not null)
                sorted = EvalStages(step.Stages, sorted, env);
            return sorted;
        }

        Charge(input.Count);
        var results = new List<JValue>(input.Count);
        var inputItems = input is Seq si ? si.Items : null;
        for (var i = 0; i < input.Count; i++)
        {
            var item = inputItems is not null ? inputItems[i] : input[i];
            var res = Eval(step, item, env);
            if (step.Stages is not null)
            {
                foreach (var stage in step.Stages)
                {
                    if (stage.Type == NodeType.Filter)
                        res = EvalFilter(stage.Expression!, res, env);
                }
            }

            if (res is not null)
                results.Add(res);
        }

        if (lastStep && results.Count == 1 && results[0] is IReadOnlyList<JValue> && results[0] is not Seq { IsSequence: true })
            return results[0];
        var seq = new Seq(true, results.Count);
        foreach (var res in results)
        {
            if (res is not IReadOnlyList<JValue> || res is Seq { Cons: true })
                seq.Add(res);
            else
                AppendInto(seq, res);
        }

        return seq;
    }

    private static Frame FrameFromTuple(Frame env, TupleBinding tuple)
    {
        var frame = new Frame(env);
        foreach (var b in tuple.Bindings)
            frame.Bind(b.Key, b.Value);
        return frame;
    }

    private TupleSeq EvalTupleStep(Node step, IReadOnlyList<JValue> input, TupleSeq? tuples, Frame env)
    {
        TupleSeq result;
        if (step.Type == NodeType.Sort)
        {
            if (tuples is not null)
            {
                result = (TupleSeq)EvalSort(step, tuples, env);
            }
            else
            {
                var sorted = (Seq)EvalSort(step, (JValue)input, env);
                result = new TupleSeq();
                for (var i = 0; i < sorted.Count; i++)
                {
                    var t = new TupleBinding(sorted.Items[i]);
                    if (step.Index is not null)
                        t.Set(step.Index, JsNumber.Create(i));
                    result.Items.Add(t);
                }
            }

            if (step.Stages is not null)
                result = (TupleSeq)EvalStages(step.Stages, result, env)!;
            return result;
        }

        result = new TupleSeq();
        if (tuples is null)
        {
            tuples = new TupleSeq();
            var items = input is Seq si ? si.Items : null;
            for (var i = 0; i < input.Count; i++)
                tuples.Items.Add(new TupleBinding(items is not null ? items[i] : input[i]));
        }

        foreach (var tuple in tuples.Items)
        {
            var stepEnv = FrameFromTuple(env, tuple);
            var res = Eval(step, tuple.At, stepEnv);
            if (res is null)
                continue;
            if (res is TupleSeq ts)
            {
                foreach (var inner in ts.Items)
                {
                    var nt = tuple.Clone();
                    nt.MergeFrom(inner);
                    result.Items.Add(nt);
                }

                continue;
            }

            IReadOnlyList<JValue> list = res is IReadOnlyList<JValue> l ? l : Seq.Of(res);
            for (var bb = 0; bb < list.Count; bb++)
            {
                var nt = tuple.Clone();
                if (step.Focus is not null)
                {
                    nt.Set(step.Focus, list[bb]);
                    nt.At = tuple.At;
                }
                else
                {
                    nt.At = list[bb];
                }

                if (step.Index is not null)
                    nt.Set(step.Index, JsNumber.Create(bb));
                if (step.Ancestor is not null)
                    nt.Set(step.Ancestor.Label, tuple.At);
                result.Items.Add(nt);
            }
        }

        if (step.Stages is not null)
            result = (TupleSeq)EvalStages(step.Stages, result, env)!;
        return result;
    }

    private JValue? EvalStages(List<Node> stages, JValue? input, Frame env)
    {
        var result = input;
        foreach (var stage in stages)
        {
            if (stage.Type == NodeType.Filter)
            {
                result = EvalFilter(stage.Expression!, result, env);
            }
            else if (result is TupleSeq ts)
            {
                for (var i = 0; i < ts.Items.Count; i++)
                    ts.Items[i].Set(stage.Value!, JsNumber.Create(i));
            }
        }

        return result;
    }

    private JValue? EvalFilter(Node predicate, JValue? input, Frame env)
    {
        if (input is TupleSeq tin)
        {
            var tres = new TupleSeq();
            if (predicate.Type == NodeType.Number)
            {
                var idx = (int)Math.Floor(((JNumber)predicate.Literal!).Value);
                if (idx < 0)
                    idx += tin.Items.Count;
                if (idx >= 0 && idx < tin.Items.Count)
                    tres.Items.Add(tin.Items[idx]);
                return tres;
            }

            for (var index = 0; index < tin.Items.Count; index++)
            {
                var item = tin.Items[index];
                var res = Eval(predicate, item.At, FrameFromTuple(env, item));
                if (Matches(res, index, tin.Items.Count))
                    tres.Items.Add(item);
            }

            return tres;
        }

        var results = new Seq();
        IReadOnlyList<JValue?> list = input switch
        {
            Seq s => s.Items,
            JArray a => a,
            _ => new[] { input },
        };
        if (predicate.Type == NodeType.Number)
        {
            var idx = (int)Math.Floor(((JNumber)predicate.Literal!).Value);
            if (idx < 0)
                idx += list.Count;
            if (idx >= 0 && idx < list.Count)
            {
                var item = list[idx];
                if (item is IReadOnlyList<JValue>)
                    return item;
                if (item is not null)
                    results.Add(item);
            }

            return results;
        }

        for (var index = 0; index < list.Count; index++)
        {
            var item = list[index];
            var res = Eval(predicate, item, env);
            if (Matches(res, index, list.Count))
                results.Add(item);
        }

        return results;
    }

    private static bool Matches(JValue? res, int index, int count)
    {
        if (res is JNumber n)
        {
            var ii = (int)Math.Floor(n.Value);
            if (ii < 0)
                ii += count;
            return ii == index;
        }

        if (res is IReadOnlyList<JValue> list && list.Count > 0 && AllNumbers(list))
        {
            for (var i = 0; i < list.Count; i++)
            {
                var ii = (int)Math.Floor(((JNumber)list[i]).Value);
                if (ii < 0)
                    ii += count;
                if (ii == index)
                    return true;
            }

            return false;
        }

        return Values.Boolean(res) == true;
    }

    private static bool AllNumbers(IReadOnlyList<JValue> list)
    {
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JNumber)
                return false;
        }

        return true;
    }

    private JValue EvalSort(Node sortNode, JValue input, Frame env)
    {
        var terms = sortNode.Terms!;
        if (input is TupleSeq ts)
        {
            var n = ts.Items.Count;
            var keys = new JValue?[n, terms.Count];
            for (var i = 0; i < n; i++)
            {
                var frame = FrameFromTuple(env, ts.Items[i]);
                for (var t = 0; t < terms.Count; t++)
                    keys[i, t] = Eval(terms[t].Expression, ts.Items[i].At, frame);
            }

            var order = SortOrder(keys, n, terms);
            var r = new TupleSeq();
            foreach (var i in order)
                r.Items.Add(ts.Items[i]);
            return r;
        }
        else
        {
            var list = (IReadOnlyList<JValue>)input;
            var n = list.Count;
            var keys = new JValue?[n, terms.Count];
            for (var i = 0; i < n; i++)
            {
                for (var t = 0; t < terms.Count; t++)
                    keys[i, t] = Eval(terms[t].Expression, list[i], env);
            }

            var order = SortOrder(keys, n, terms);
            var r = new Seq(true, n);
            foreach (var i in order)
                r.Add(list[i]);
            return r;
        }
    }

    private static int[] SortOrder(JValue?[,] keys, int n, List<SortTerm> terms)
    {
        var idx = new int[n];
        for (var i = 0; i < n; i++)
            idx[i] = i;
        int Compare(int a, int b)
        {
            var comp = 0;
            for (var t = 0; comp == 0 && t < terms.Count; t++)
            {
                var aa = keys[a, t];
                var bb = keys[b, t];
                if (aa is null)
                {
                    comp = bb is null ? 0 : 1;
                    continue;
                }

                if (bb is null)
                {
                    comp = -1;
                    continue;
                }

                if (aa is not (JString or JNumber) || bb is not (JString or JNumber))
                    throw new JsonataException("T2008", "The expressions within an order-by clause must evaluate to numeric or string values") { Value = aa is not (JString or JNumber) ? aa : bb };
                if (aa.Kind != bb.Kind)
                    throw new JsonataException("T2007", "Type mismatch within order-by clause. All values must be of the same type") { Value = aa };
                comp = aa is JNumber na ? na.Value.CompareTo(((JNumber)bb).Value) : string.CompareOrdinal(((JString)aa).Value, ((JString)bb).Value);
                comp = Math.Sign(comp);
                if (terms[t].Descending)
                    comp = -comp;
            }

            return comp;
        }

        MergeSort(idx, Compare);
        return idx;
    }

    /// <summary>A stable merge sort (the order of equal items is kept, as JSONata's sort does).</summary>
    internal static void MergeSort(int[] idx, Func<int, int, int> compare)
    {
        if (idx.Length < 2)
            return;
        var tmp = new int[idx.Length];
        Sort(0, idx.Length);

        void Sort(int lo, int hi)
        {
            if (hi - lo < 2)
                return;
            var mid = (lo + hi) / 2;
            Sort(lo, mid);
            Sort(mid, hi);
            int i = lo, j = mid, k = lo;
            while (i < mid && j < hi)
                tmp[k++] = compare(idx[i], idx[j]) > 0 ? idx[j++] : idx[i++];
            while (i < mid)
                tmp[k++] = idx[i++];
            while (j < hi)
                tmp[k++] = idx[j++];
            Array.Copy(tmp, lo, idx, lo, hi - lo);
        }
    }

    /// <summary>
    /// Puts an item (or, in a tuple stream, a tuple) in the group its key names: an undefined key puts it nowhere;
    /// a non-string key is T1003, a key two key expressions both produce is D1009.
    /// </summary>
    private void AddToGroup(Dictionary<string, Group> groups, List<string> groupKeys, JValue? key, int p, JValue? item, TupleBinding? tuple)
    {
        if (key is null)
            return;
        if (key is not JString ks)
            throw new JsonataException("T1003", "Key in object structure must evaluate to a string; got: " + key) { Value = key };
        if (groups.TryGetValue(ks.Value, out var entry))
        {
            if (entry.ExprIndex != p)
                throw new JsonataException("D1009", "Multiple key definitions evaluate to same key: " + ks.Value) { Value = key };
            if (tuple is not null)
                entry.Tuples!.Add(tuple);
            else
                groups[ks.Value] = (p, Append(entry.Data, item), null);
        }
        else
        {
            groupKeys.Add(ks.Value);
            groups[ks.Value] = tuple is not null ? (p, null, [tuple]) : (p, item, null);
        }
    }

    private JObject EvalGroup(List<(Node Key, Node Value)> pairs, JValue? input, Frame env)
    {
        var groupKeys = new List<string>();
        var groups = new Dictionary<string, Group>(StringComparer.Ordinal);
        if (input is TupleSeq ts)
        {
            foreach (var tuple in ts.Items)
            {
                var frame = FrameFromTuple(env, tuple);
                for (var p = 0; p < pairs.Count; p++)
                    AddToGroup(groups, groupKeys, Eval(pairs[p].Key, tuple.At, frame), p, null, tuple);
            }
        }
        else
        {
            IReadOnlyList<JValue?> items = input switch
            {
                Seq s => s.Items,
                JArray a => a,
                _ => new[] { input },
            };
            if (items.Count == 0)
                items = new JValue?[] { null };
            foreach (var item in items)
            {
                for (var p = 0; p < pairs.Count; p++)
                    AddToGroup(groups, groupKeys, Eval(pairs[p].Key, item, env), p, item, null);
            }
        }

        var builder = new JObjectBuilder(groupKeys.Count);
        foreach (var key in groupKeys)
        {
            var entry = groups[key];
            JValue? value;
            if (entry.Tuples is not null)
            {
                var reduced = ReduceTuples(entry.Tuples);
                value = Eval(pairs[entry.ExprIndex].Value, reduced.At, FrameFromTuple(env, reduced));
            }
            else
            {
                value = Eval(pairs[entry.ExprIndex].Value, entry.Data, env);
            }

            if (value is not null)
                builder.Set(key, ToStored(value, ref _storedFunction)!);
        }

        return builder.Build();
    }

    private TupleBinding ReduceTuples(List<TupleBinding> tuples)
    {
        if (tuples.Count == 1)
            return tuples[0];
        var result = tuples[0].Clone();
        for (var i = 1; i < tuples.Count; i++)
        {
            var t = tuples[i];
            result.At = Append(result.At, t.At);
            foreach (var b in t.Bindings)
                result.Set(b.Key, Append(result.Get(b.Key), b.Value));
        }

        return result;
    }
}
