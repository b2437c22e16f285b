using System.Globalization;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// The causes intrinsic failures carry. The conformance recordings hold no failing intrinsic call, so
/// these texts are ours (unconfirmed against AWS); they live here, in one place, to be aligned when recorded.
/// </summary>
internal static class IntrinsicErrors
{
    public static string PathNotFound(JsonPath path, in EvaluationScope scope)
    {
        var document = path.Root switch
        {
            PathRoot.Input => scope.Input,
            PathRoot.Context => scope.Context,
            _ => scope.Variables is not null && scope.Variables.TryGet(path.VariableName!, out var v) ? v : null,
        };
        return document is null
            ? $"The JSONPath '{path.Text}' could not be found: the variable '{path.VariableName}' is not defined"
            : $"The JSONPath '{path.Text}' could not be found in the input '{document}'";
    }

    public static string WrongType(string function, int index, ArgumentKind expected, JValue actual) =>
        $"Invalid arguments in {function}: the {Ordinal(index)} argument must be {Describe(expected)}, but was {Article(actual.TypeName)} {actual.TypeName}: {Truncate(actual)}";

    public static string Invalid(string function, string problem) => $"Invalid arguments in {function}: {problem}";

    public static string Describe(ArgumentKind kind) => kind switch
    {
        ArgumentKind.String => "a string",
        ArgumentKind.Number => "a number",
        ArgumentKind.Integer => "an integer",
        ArgumentKind.Boolean => "a boolean",
        ArgumentKind.Array => "an array",
        ArgumentKind.Object => "an object",
        _ => "a value",
    };

    public static string Ordinal(int index) => (index + 1) switch
    {
        1 => "1st",
        2 => "2nd",
        3 => "3rd",
        var n => n.ToString(CultureInfo.InvariantCulture) + "th",
    };

    private static string Article(string typeName) => typeName is "array" or "object" ? "an" : "a";

    private static string Truncate(JValue value)
    {
        var text = value.ToString();
        return text.Length <= 200 ? text : string.Concat(text.AsSpan(0, 200), "…");
    }
}
