using System.Collections.Frozen;
using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>The JSONata 2.0.6 function library with the Step Functions changes (no $eval; $partition, $range, $hash, $random, $uuid, $parse).</summary>
internal static partial class Builtins
{
    private static readonly FrozenDictionary<string, BuiltinFunction> Table = Build();

    public static BuiltinFunction? Find(string name) => Table.TryGetValue(name, out var f) ? f : null;

    private static FrozenDictionary<string, BuiltinFunction> Build()
    {
        var list = new List<BuiltinFunction>();
        AddStrings(list);
        AddNumbers(list);
        AddArrays(list);
        AddObjects(list);
        AddDates(list);
        AddAws(list);
        return list.ToFrozenDictionary(f => f.Name, StringComparer.Ordinal);
    }

    private static JValue? Arg(List<JValue?> args, int i) => i < args.Count ? args[i] : null;

    private static string? Str(List<JValue?> args, int i) => Arg(args, i) is JString s ? s.Value : null;

    private static double? Num(List<JValue?> args, int i) => Arg(args, i) is JNumber n ? n.Value : null;

    private static JNumber N(double d) => JsNumber.Create(d);

    private static JString S(string s) => JString.Create(s);

    private static IReadOnlyList<JValue> List(JValue? v) => v switch
    {
        IReadOnlyList<JValue> l => l,
        null => [],
        _ => [v],
    };

    private static Seq ArrayOf(IEnumerable<JValue> items, bool sequence = false)
    {
        var s = new Seq(sequence);
        foreach (var i in items)
            s.Add(i);
        return s;
    }
}
