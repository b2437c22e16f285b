using System.Diagnostics.CodeAnalysis;
using System.Text;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Parsing;
using Quickstep.Asl.Paths.Filters;
using Quickstep.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// A compiled ASL path (Jayway-style JSONPath as ASL allows it), parsed once at plan compile time.
/// Reference paths (names and indexes only) evaluate with a tight loop over precomputed steps; other
/// paths walk a segment array. Evaluation never parses and allocates only for the result of a
/// non-reference path.
/// </summary>
public sealed class JsonPath
{
    private const string JaywayProvider = "com.jayway.jsonpath.spi.json.JacksonJsonProvider";

    private readonly PathSegment[] _segments;
    private readonly ReferenceStep[]? _steps;
    private readonly bool _lengthFunction;

    private JsonPath(string text, PathSegment[] segments, bool lengthFunction)
    {
        Text = text;
        _segments = segments;
        _lengthFunction = lengthFunction;
        var definite = true;
        var reference = !lengthFunction;
        var builder = new StringBuilder("$");
        foreach (var s in segments)
        {
            definite &= s.IsDefinite;
            reference &= s is NameSegment or IndexSegment;
            s.AppendNormalized(builder);
        }

        if (lengthFunction)
            builder.Append(".length()");
        NormalizedText = builder.ToString();
        IsDefinite = definite;
        IsReferencePath = reference;
        if (reference)
        {
            _steps = new ReferenceStep[segments.Length];
            for (var i = 0; i < segments.Length; i++)
                _steps[i] = segments[i] is NameSegment n ? new ReferenceStep(n.Name, 0) : new ReferenceStep(null, ((IndexSegment)segments[i]).Index);
        }
    }

    public string Text { get; }

    public PathRoot Root { get; private init; }

    /// <summary>The variable name for <see cref="PathRoot.Variable"/> paths (without the <c>$</c>).</summary>
    public string? VariableName { get; private init; }

    /// <summary>True when the path uses only names and indexes, so it names at most one node (an ASL Reference Path).</summary>
    public bool IsReferencePath { get; private init; }

    /// <summary>
    /// True when the path yields at most one value (Jayway's "definite" paths): reference paths, a trailing
    /// name union (<c>$['a','b']</c>, which yields one object holding the properties found) and a trailing
    /// <c>length()</c> on a definite path. <see cref="Select(JValue)"/> returns that value (or null) instead of an array.
    /// </summary>
    public bool IsDefinite { get; }

    /// <summary>
    /// Jayway's normalized bracket form, as AWS prints it in causes: <c>$.a.b[0]</c> → <c>$['a']['b'][0]</c>.
    /// The root is always <c>$</c>: a <c>$$</c> or <c>$var</c> path normalizes over the document it applies to.
    /// </summary>
    public string NormalizedText { get; }

    /// <summary>Parses a path; throws <see cref="JsonPathSyntaxException"/> on bad syntax.</summary>
    public static JsonPath Parse(string text) => JsonPathParser.Parse(text);

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error) =>
        ParseAttempt.Run<JsonPath, JsonPathSyntaxException>(Parse, text, out path, out error);

    /// <summary>
    /// Applies the path to <paramref name="document"/> (whatever its <see cref="Root"/>).
    /// A reference path yields the node or null when absent; any other path yields a JArray of matches
    /// (except the definite forms described at <see cref="IsDefinite"/>, which yield one value or null).
    /// </summary>
    public JValue? Select(JValue document)
    {
        var steps = _steps;
        if (steps is null)
            return SelectFrom(document, document);
        JValue? node = document;
        for (var i = 0; i < steps.Length; i++)
        {
            ref readonly var step = ref steps[i];
            if (step.Name is { } name)
            {
                if (node is not JObject o || !o.TryGetValue(name, out node))
                    return null;
            }
            else
            {
                if (node is not JArray a)
                    return null;
                var index = step.Index < 0 ? a.Count + step.Index : step.Index;
                if ((uint)index >= (uint)a.Count)
                    return null;
                node = a[index];
            }
        }

        return node;
    }

    /// <summary>Selects from the root this path names: the scope's input, context, or the variable (null when undefined).</summary>
    internal JValue? Select(in EvaluationScope scope)
    {
        switch (Root)
        {
            case PathRoot.Input:
                return Select(scope.Input);
            case PathRoot.Context:
                return Select(scope.Context);
            default:
                if (scope.Variables is null || !scope.Variables.TryGet(VariableName!, out var value))
                    return null;
                return Select(value);
        }
    }

    /// <summary>
    /// <see cref="Select(in EvaluationScope)"/>, with a filter's regular expression that timed out as the States.Runtime
    /// <paramref name="error"/> it is (never a silent "no match"); null and no error when nothing was found.
    /// </summary>
    internal JValue? Select(in EvaluationScope scope, out StatesError? error)
    {
        error = null;
        return _steps is not null ? Select(scope) : SelectFiltered(scope, out error);
    }

    /// <summary>The slow path of <see cref="Select(in EvaluationScope, out StatesError?)"/>, apart so that the fast one inlines (a try block stops the JIT inlining).</summary>
    private JValue? SelectFiltered(in EvaluationScope scope, out StatesError? error)
    {
        error = null;
        try
        {
            return Select(scope);
        }
        catch (FilterTimeoutException e)
        {
            error = new StatesError(StatesErrors.Runtime, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Like <see cref="Select(JValue)"/>, but when a definite path finds nothing it says why, in Jayway's words as AWS
    /// prints them after "Invalid path '<see cref="Text"/>' : ": <c>No results for path: $['a']['X']</c> (the last
    /// step is missing), <c>Missing property in path $['no']</c> (an earlier property is missing), or the messages
    /// for stepping into a value of the wrong type. A non-definite path always succeeds (possibly with an empty array).
    /// </summary>
    public bool TrySelect(JValue document, [NotNullWhen(true)] out JValue? result, [NotNullWhen(false)] out string? failure)
    {
        result = Select(document);
        if (result is not null)
        {
            failure = null;
            return true;
        }

        failure = DescribeMiss(document);
        return false;
    }

    /// <summary>
    /// <see cref="TrySelect(JValue, out JValue?, out string?)"/> from the root this path names; an undefined variable
    /// fails with the cause <c>Undefined variable: name</c>.
    /// </summary>
    internal bool TrySelect(in EvaluationScope scope, [NotNullWhen(true)] out JValue? result, [NotNullWhen(false)] out string? failure)
    {
        switch (Root)
        {
            case PathRoot.Input:
                return TrySelect(scope.Input, out result, out failure);
            case PathRoot.Context:
                return TrySelect(scope.Context, out result, out failure);
            default:
                if (scope.Variables is null || !scope.Variables.TryGet(VariableName!, out var value))
                {
                    result = null;
                    failure = "Undefined variable: " + VariableName;
                    return false;
                }

                return TrySelect(value, out result, out failure);
        }
    }

    /// <summary>
    /// ResultPath semantics: <paramref name="document"/> with <paramref name="value"/> placed at this reference path,
    /// creating intervening objects; false when a step crosses a non-object/array (the caller raises the AWS error).
    /// </summary>
    public bool TryAssign(JValue document, JValue value, [NotNullWhen(true)] out JValue? result) =>
        TryAssign(document, value, out result, out _);

    /// <summary>
    /// <see cref="TryAssign(JValue, JValue, out JValue?)"/> that also gives, on failure, the normalized prefix up to and
    /// including the step that could not be applied (e.g. <c>$['a']['b']</c> when <c>a</c> is a string), or the whole
    /// <see cref="NormalizedText"/> when the path is not a reference path. Untouched children are shared by reference.
    /// </summary>
    public bool TryAssign(JValue document, JValue value, [NotNullWhen(true)] out JValue? result, [NotNullWhen(false)] out string? failedPrefix)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(value);
        var steps = _steps;
        if (steps is null)
        {
            result = null;
            failedPrefix = NormalizedText;
            return false;
        }

        if (steps.Length == 0)
        {
            result = value;
            failedPrefix = null;
            return true;
        }

        var failedAt = -1;
        result = Assign(steps, document, 0, value, ref failedAt);
        if (result is null)
        {
            failedPrefix = NormalizedPrefix(failedAt + 1);
            return false;
        }

        failedPrefix = null;
        return true;
    }

    /// <summary>The normalized form of the first <paramref name="segmentCount"/> steps (<c>$</c> for 0).</summary>
    public string NormalizedPrefix(int segmentCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(segmentCount);
        if (segmentCount >= _segments.Length)
            return _lengthFunction && segmentCount > _segments.Length ? NormalizedText : PrefixOf(_segments.Length);
        return PrefixOf(segmentCount);
    }

    public override string ToString() => Text;

    internal static JsonPath Create(string text, PathRoot root, string? variable, PathSegment[] segments, bool lengthFunction) =>
        new(text, segments, lengthFunction) { Root = root, VariableName = variable };

    /// <summary>Evaluates from <paramref name="start"/>, with <paramref name="root"/> as <c>$</c> inside filters.</summary>
    internal JValue? SelectFrom(JValue start, JValue root)
    {
        if (_steps is not null)
            return Select(start);
        var output = new List<JValue>();
        new PathWalker(_segments, root, output).Walk(start, 0);
        if (_lengthFunction)
        {
            if (!IsDefinite)
                return JNumber.Create(output.Count);
            return output.Count == 0 ? null : LengthOf(output[0]);
        }

        if (IsDefinite)
            return output.Count == 0 ? null : output[0];
        return output.Count == 0 ? JArray.Empty : JArray.Own([.. output]);
    }

    private static JNumber? LengthOf(JValue value) => value switch
    {
        JArray a => JNumber.Create(a.Count),
        JObject o => JNumber.Create(o.Count),
        JString s => JNumber.Create(s.Value.Length),
        _ => null,
    };

    private static JValue? Assign(ReferenceStep[] steps, JValue? node, int i, JValue value, ref int failedAt)
    {
        ref readonly var step = ref steps[i];
        var last = i == steps.Length - 1;
        if (step.Name is { } name)
        {
            JObject obj;
            if (node is null)
            {
                obj = JObject.Empty;
            }
            else if (node is JObject o)
            {
                obj = o;
            }
            else
            {
                failedAt = i;
                return null;
            }

            JValue? child;
            if (last)
            {
                child = value;
            }
            else
            {
                obj.TryGetValue(name, out var existing);
                child = Assign(steps, existing, i + 1, value, ref failedAt);
                if (child is null)
                    return null;
            }

            return obj.With(name, child);
        }

        if (node is not JArray a)
        {
            failedAt = i;
            return null;
        }

        var index = step.Index < 0 ? a.Count + step.Index : step.Index;
        if ((uint)index >= (uint)a.Count)
        {
            failedAt = i;
            return null;
        }

        var item = last ? value : Assign(steps, a[index], i + 1, value, ref failedAt);
        return item is null ? null : a.SetItem(index, item);
    }

    private string DescribeMiss(JValue document)
    {
        var steps = _steps;
        if (steps is null)
            return "No results for path: " + NormalizedText;
        JValue? node = document;
        for (var i = 0; i < steps.Length; i++)
        {
            var step = steps[i];
            if (step.Name is { } name)
            {
                if (node is JObject o)
                {
                    if (o.TryGetValue(name, out node))
                        continue;
                    return i == steps.Length - 1
                        ? "No results for path: " + NormalizedText
                        : "Missing property in path " + PrefixOf(i + 1);
                }

                return $"Expected to find an object with property ['{name}'] in path {PrefixOf(i)} but found '{JavaText.ClassName(node)}'. This is not a json object according to the JsonProvider: '{JaywayProvider}'.";
            }

            if (node is JArray a)
            {
                var index = step.Index < 0 ? a.Count + step.Index : step.Index;
                if ((uint)index >= (uint)a.Count)
                    return "No results for path: " + NormalizedText;
                node = a[index];
                continue;
            }

            if (node is null or JNull)
                return $"The path {PrefixOf(i)} is null";
            var fragment = new StringBuilder();
            _segments[i].AppendNormalized(fragment);
            return $"Filter: {fragment} can only be applied to arrays. Current context is: {JavaText.ToJavaString(node)}";
        }

        return "No results for path: " + NormalizedText;
    }

    private string PrefixOf(int count)
    {
        var builder = new StringBuilder("$");
        for (var i = 0; i < count && i < _segments.Length; i++)
            _segments[i].AppendNormalized(builder);
        return builder.ToString();
    }
}
