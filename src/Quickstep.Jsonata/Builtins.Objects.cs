using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>Object functions, $type, $error and $assert.</summary>
internal static partial class Builtins
{
    private static void AddObjects(List<BuiltinFunction> l)
    {
        l.Add(new("keys", "<x-:a<s>>", (ev, a, i) => Keys(Arg(a, 0))));
        l.Add(new("lookup", "<x-s:x>", (ev, a, i) => Evaluator.Lookup(Arg(a, 0), Str(a, 1)!)));
        l.Add(new("spread", "<x-:a<o>>", (ev, a, i) => Spread(Arg(a, 0))));
        l.Add(new("merge", "<a<o>:o>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not { } v)
                return null;
            var b = new JObjectBuilder();
            foreach (var o in List(v))
            {
                foreach (var p in ((JObject)o).AsSpan())
                    b.Set(p.Key, p.Value);
            }

            return b.Build();
        }));
        l.Add(new("sift", "<o-f?:o>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not JObject o)
                return null;
            var f = (JsonataFunction)a[1]!;
            var b = new JObjectBuilder();
            foreach (var p in o.AsSpan())
            {
                if (Values.Boolean(HofKeyCall(ev, f, p.Value, p.Key, o)) == true)
                    b.AddUnique(p.Key, p.Value);
            }

            return b.Count == 0 ? null : b.Build();
        }));
        l.Add(new("each", "<o-f:a>", (ev, a, i) =>
        {
            if (Arg(a, 0) is not JObject o)
                return null;
            var f = (JsonataFunction)a[1]!;
            var r = new Seq(true);
            foreach (var p in o.AsSpan())
            {
                var res = HofKeyCall(ev, f, p.Value, p.Key, o);
                if (res is not null)
                    r.Add(res);
            }

            return r;
        }));
        l.Add(new("error", "<s?:x>", (ev, a, i) => throw new JsonataException("D3137", Str(a, 0) ?? "$error() function evaluated")));
        l.Add(new("assert", "<bs?:x>", (ev, a, i) =>
        {
            if (Arg(a, 0) is JBool { Value: false })
                throw new JsonataException("D3141", Str(a, 1) ?? "$assert() statement failed");
            return null;
        }));
        l.Add(new("type", "<x:s>", (ev, a, i) => Arg(a, 0) switch
        {
            null => null,
            JsonataFunction => S("function"),
            JNull => S("null"),
            JNumber => S("number"),
            JString => S("string"),
            JBool => S("boolean"),
            JObject => S("object"),
            _ => S("array"),
        }));
        l.Add(new("clone", "<(oa)-:o>", (ev, a, i) => Evaluator.ToStored(Arg(a, 0))));
    }

    private static JValue? HofKeyCall(Evaluator ev, JsonataFunction f, JValue value, string key, JObject o)
    {
        var args = new List<JValue?>(3) { value };
        if (f.Arity >= 2)
            args.Add(S(key));
        if (f.Arity >= 3)
            args.Add(o);
        return ev.Apply(f, args, null);
    }

    private static Seq? Keys(JValue? v)
    {
        var r = new Seq(true);
        if (v is IReadOnlyList<JValue> list)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var item in list)
            {
                if (item is not JObject o)
                    continue;
                foreach (var p in o.AsSpan())
                {
                    if (seen.Add(p.Key))
                        r.Add(S(p.Key));
                }
            }
        }
        else if (v is JObject o)
        {
            foreach (var p in o.AsSpan())
                r.Add(S(p.Key));
        }

        return r;
    }

    private static JValue? Spread(JValue? v)
    {
        if (v is IReadOnlyList<JValue> list)
        {
            var r = new Seq(true);
            foreach (var item in list)
            {
                var s = Spread(item);
                if (s is not null)
                    Evaluator.SpliceInto(r, s);
            }

            return r;
        }

        if (v is JObject o)
        {
            var r = new Seq(true);
            foreach (var p in o.AsSpan())
                r.Add(JObject.Own([p]));
            return r;
        }

        return v;
    }
}
