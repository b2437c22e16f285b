namespace Quickstep.Asl.Parsing;

/// <summary>The JSONPath Choice comparison operators and the operand each takes.</summary>
internal static class ChoiceOperators
{
    private static readonly Dictionary<string, OperandKind> Operators = Build();

    public static bool TryGet(string name, out OperandKind kind) => Operators.TryGetValue(name, out kind);

    private static Dictionary<string, OperandKind> Build()
    {
        var map = new Dictionary<string, OperandKind>(StringComparer.Ordinal);
        string[] comparisons = ["Equals", "LessThan", "GreaterThan", "LessThanEquals", "GreaterThanEquals"];
        foreach (var c in comparisons)
        {
            map["String" + c] = OperandKind.String;
            map["Numeric" + c] = OperandKind.Number;
            map["Timestamp" + c] = OperandKind.Timestamp;
            map["String" + c + "Path"] = OperandKind.Path;
            map["Numeric" + c + "Path"] = OperandKind.Path;
            map["Timestamp" + c + "Path"] = OperandKind.Path;
        }

        map["StringMatches"] = OperandKind.String;
        map["BooleanEquals"] = OperandKind.Boolean;
        map["BooleanEqualsPath"] = OperandKind.Path;
        foreach (var t in new[] { "IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp" })
            map[t] = OperandKind.TypeTest;
        return map;
    }
}
