using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Array and higher-order functions.</summary>
internal static partial class Builtins
{
    private static void AddArrays(List<BuiltinFunction> l)
    {
        l.Add(new("count", "<a:n>", (ev, a, i) => N(Arg(a, 0) is { } v ? List(v).Count : 0)));
        l.Add(new("append", "<xx:a>", (ev, a, i) => ev.Append(Arg(a, 0), Arg(a, 1))));
        l.Add(new("reverse", "<a:a>", (ev, a, i) =>
        {
            var v = Arg(a, 0);
            if (Reorderable(v) is not { } list)
                return v;
            ev.Charge(list.Count);
            var r = new Seq(false, list.Count);
            for (var k = list.Count - 1; k >= 0; k--)
                r.Add(list[k]);
            return r;
        }));
        l.Add(new("shuffle", "<a:a>", (ev, a, i) =>
        {
            var v = Arg(a, 0);
            if (Reorderable(v) is not { } list)
                return v;
            var arr = list.ToArray();
            for (var k = arr.Length - 1; k > 0; k--)
            {
                var j = (int)Math.Floor(ev.Services.NextDouble() * (k + 1));
                (arr[k], arr[j]) = (arr[j], arr[k]);
            }

            return ArrayOf(arr);
        }));
        l.Add(new("distinct", "<x:x>", (ev, a, i) =>
        {
            var v = Arg(a, 0);
            if (v is not IReadOnlyList<JValue> list || list.Count <= 1)
                return v;
            ev.Charge(list.Count);
            var r = new Seq(v is Seq { IsSequence: true });
            for (var k = 0; k < list.Count; k++)
            {
                var dup = false;
                foreach (var seen in r.Items)
                {
                    // Quadratic: the time limit and the host's stop must be seen inside it.
                    ev.Tick();
                    if (Values.DeepEquals(seen!, list[k]))
                    {
                        dup = true;
                        break;
                    }
                }

                if (!dup)
                    r.Add(list[k]);
            }

            return r;
        }));
        l.Add(new("zip", "<a+>", (ev, a, i) =>
        {
            var lists = new List<IReadOnlyList<JValue>>();
            var min = int.MaxValue;
            foreach (var v in a)
            {
                var list = List(v);
                lists.Add(list);
                min = Math.Min(min, list.Count);
            }

            var r = new Seq(false);
            if (lists.Count == 0)
                return r;
            ev.Charge((long)min * (lists.Count + 1));
            for (var k = 0; k < min; k++)
            {
                var tuple = new Seq(false, lists.Count);
                foreach (var list in lists)
                    tuple.Add(list[k]);
                r.Add(tuple);
            }

            return r;
        }));
        l.Add(new("sort", "<af?:a>", (ev, a, i) =>
        {
            var v = Arg(a, 0);
            if (Reorderable(v) is not { } list)
                return v;
            ev.Charge(list.Count);
            var idx = new int[list.Count];
            for (var k = 0; k < idx.Length; k++)
                idx[k] = k;
            if (Arg(a, 1) is JsonataFunction f)
            {
                Evaluator.MergeSort(idx, (x, y) => Values.Boolean(ev.Apply(f, [list[x], list[y]], null)) == true ? 1 : 0);
            }
            else
            {
                var allNumbers = true;
                var allStrings = true;
                foreach (var item in list)
                {
                    allNumbers &= item is JNumber;
                    allStrings &= item is JString;
                }

                if (!allNumbers && !allStrings)
                    throw new JsonataException("D3070", "The single argument form of the sort function can only be applied to an array of strings or an array of numbers.  Use the second argument to specify a comparison function");
                if (allNumbers)
                    Evaluator.MergeSort(idx, (x, y) =>
                    {
                        ev.Tick();
                        return ((JNumber)list[x]).Value.CompareTo(((JNumber)list[y]).Value);
                    });
                else
                    Evaluator.MergeSort(idx, (x, y) =>
                    {
                        ev.Tick();
                        return string.CompareOrdinal(((JString)list[x]).Value, ((JString)list[y]).Value);
                    });
            }

            var r = new Seq(false, list.Count);
            foreach (var k in idx)
                r.Add(list[k]);
            return r;
        }));
        l.Add(new("map", "<af>", (ev, a, i) => MapOrFilter(ev, a, filter: false)));
        l.Add(new("filter", "<af>", (ev, a, i) => MapOrFilter(ev, a, filter: true)));
        l.Add(new("single", "<af?>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } v)
                return null;
            var list = List(v);
            var f = Arg(a, 1) as JsonataFunction;
            var hasFound = false;
            JValue? found = null;
            for (var k = 0; k < list.Count; k++)
            {
                var ok = f is null || Values.Boolean(ev.CallHof(f, list[k], k, v)) == true;
                if (!ok)
                    continue;
                if (hasFound)
                    throw new JsonataException("D3138", "The $single() function expected exactly 1 matching result.  Instead it matched more.");
                found = list[k];
                hasFound = true;
            }

            if (!hasFound)
                throw new JsonataException("D3139", "The $single() function expected exactly 1 matching result.  Instead it matched 0.");
            return found;
        }));
        l.Add(new("reduce", "<afj?:j>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } v)
                return null;
            var f = (JsonataFunction)a[1]!;
            var arity = f.Arity;
            if (arity < 2)
                throw new JsonataException("D3050", "The second argument of reduce function must be a function with at least two arguments");
            var list = List(v);
            var k = 0;
            var acc = Arg(a, 2);
            if (acc is null && list.Count > 0)
            {
                acc = list[0];
                k = 1;
            }

            for (; k < list.Count; k++)
            {
                var args = new List<JValue?>(4) { acc, list[k] };
                if (arity >= 3)
                    args.Add(N(k));
                if (arity >= 4)
                    args.Add(v);
                acc = ev.Apply(f, args, null);
            }

            return acc;
        }));
    }

    /// <summary>$map (the defined results of the function per item) and $filter (the items it holds true for).</summary>
    private static Seq? MapOrFilter(Evaluator ev, List<JValue?> a, bool filter)
    {
        if (Arg(a, 0) is not { } v)
            return null;
        var list = List(v);
        var f = (JsonataFunction)a[1]!;
        ev.Charge(list.Count);
        var r = new Seq(true, list.Count);
        for (var k = 0; k < list.Count; k++)
        {
            var res = ev.CallHof(f, list[k], k, v);
            if (filter ? Values.Boolean(res) == true : res is not null)
                r.Add(filter ? list[k] : res);
        }

        return r;
    }

    /// <summary>The items $reverse, $shuffle and $sort reorder; null when the result is the argument itself (undefined, or at most one item).</summary>
    private static IReadOnlyList<JValue>? Reorderable(JValue? v) => v is not null && List(v) is { Count: > 1 } list ? list : null;
}
