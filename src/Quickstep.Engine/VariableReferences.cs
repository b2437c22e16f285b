using System.Text.Json;
using System.Text.RegularExpressions;

namespace Quickstep.Engine;

/// <summary>
/// The variables each state reads, as DescribeStateMachine's <c>variableReferences</c> reports them: state name →
/// variable names in the order they first appear; states that read none are left out. Only expressions count:
/// JSONata (<c>{% … %}</c>) strings and JSONPath/intrinsic values (fields ending ".$", the *Path fields,
/// Choice's Variable), not literal strings.
/// </summary>
public static partial class VariableReferences
{
    private static readonly HashSet<string> PathFields = new(StringComparer.Ordinal)
    {
        "InputPath", "OutputPath", "ItemsPath", "Variable", "TimeoutSecondsPath", "HeartbeatSecondsPath", "SecondsPath", "TimestampPath",
        "ToleratedFailureCountPath", "ToleratedFailurePercentagePath", "MaxConcurrencyPath", "ErrorPath", "CausePath",
    };

    /// <summary>The references of every state of <paramref name="definition"/> (nested states too); empty for text that is not a definition.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Find(string definition)
    {
        var found = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(definition, new JsonDocumentOptions { MaxDepth = 512 });
            Scope(doc.RootElement, found);
        }
        catch (JsonException)
        {
            // Not JSON: nothing to report.
        }

        return found;
    }

    private static void Scope(JsonElement scope, Dictionary<string, IReadOnlyList<string>> found)
    {
        if (scope.ValueKind != JsonValueKind.Object || !scope.TryGetProperty("States", out var states) || states.ValueKind != JsonValueKind.Object)
            return;
        foreach (var state in states.EnumerateObject())
        {
            if (state.Value.ValueKind != JsonValueKind.Object)
                continue;
            var names = new List<string>();
            foreach (var field in state.Value.EnumerateObject())
            {
                switch (field.Name)
                {
                    case "Branches" when field.Value.ValueKind == JsonValueKind.Array:
                        foreach (var branch in field.Value.EnumerateArray())
                            Scope(branch, found);
                        break;
                    case "ItemProcessor" or "Iterator":
                        Scope(field.Value, found);
                        break;
                    default:
                        Collect(field.Name, field.Value, names);
                        break;
                }
            }

            if (names.Count > 0)
                found[state.Name] = names;
        }
    }

    private static void Collect(string name, JsonElement value, List<string> names)
    {
        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var p in value.EnumerateObject())
                    Collect(p.Name, p.Value, names);
                break;
            case JsonValueKind.Array:
                foreach (var item in value.EnumerateArray())
                    Collect(name, item, names);
                break;
            case JsonValueKind.String:
                var text = value.GetString()!;
                if (text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal))
                    Add(JsonataVariable().Matches(text), names);
                else if (name.EndsWith(".$", StringComparison.Ordinal) || PathFields.Contains(name))
                    Add(PathVariable().Matches(text), names);
                break;
        }
    }

    private static void Add(MatchCollection matches, List<string> names)
    {
        foreach (Match m in matches)
        {
            var v = m.Groups[1].Value;
            if (v != "states" && !names.Contains(v))
                names.Add(v);
        }
    }

    // $name not followed by "(" (a function call such as $count(…)).
    [GeneratedRegex(@"\$([A-Za-z_][A-Za-z0-9_]*)\b(?!\s*\()", RegexOptions.CultureInvariant)]
    private static partial Regex JsonataVariable();

    // $name at a path's start or as an intrinsic's argument ($.x is the input, $$ the context).
    [GeneratedRegex(@"(?<![\w$])\$([A-Za-z_][A-Za-z0-9_]*)", RegexOptions.CultureInvariant)]
    private static partial Regex PathVariable();
}
