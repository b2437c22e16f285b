using System.Diagnostics.CodeAnalysis;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Asl.Paths;

/// <summary>
/// A compiled ASL path (Jayway-style JSONPath as ASL allows it), parsed once at plan compile time.
/// CONTRACT STUB: the implementation is being written; signatures are fixed.
/// </summary>
public sealed class JsonPath
{
    private JsonPath(string text) => Text = text;

    public string Text { get; }

    public PathRoot Root { get; private init; }

    /// <summary>The variable name for <see cref="PathRoot.Variable"/> paths (without the <c>$</c>).</summary>
    public string? VariableName { get; private init; }

    /// <summary>True when the path uses only names and indexes, so it names at most one node (an ASL Reference Path).</summary>
    public bool IsReferencePath { get; private init; }

    /// <summary>Parses a path; throws <see cref="JsonPathSyntaxException"/> on bad syntax.</summary>
    public static JsonPath Parse(string text) => throw new NotImplementedException(text);

    public static bool TryParse(string text, [NotNullWhen(true)] out JsonPath? path, [NotNullWhen(false)] out string? error)
    {
        try
        {
            path = Parse(text);
            error = null;
            return true;
        }
        catch (JsonPathSyntaxException e)
        {
            path = null;
            error = e.Message;
            return false;
        }
    }

    /// <summary>
    /// Applies the path to <paramref name="document"/> (whatever its <see cref="Root"/>).
    /// A reference path yields the node or null when absent; any other path yields a JArray of matches.
    /// </summary>
    public JValue? Select(JValue document) => throw new NotImplementedException(document.ToString());

    /// <summary>Selects from the root this path names: the scope's input, context, or the variable (null when undefined).</summary>
    public JValue? Select(in EvaluationScope scope)
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
    /// ResultPath semantics: <paramref name="document"/> with <paramref name="value"/> placed at this reference path,
    /// creating intervening objects; false when a step crosses a non-object/array (the caller raises the AWS error).
    /// </summary>
    public bool TryAssign(JValue document, JValue value, [NotNullWhen(true)] out JValue? result) =>
        throw new NotImplementedException(document.ToString() + value);

    /// <summary>Jayway's normalized form, e.g. <c>$['a']['b'][0]</c> (AWS's error causes use it).</summary>
    public string NormalizedText => throw new NotImplementedException(Text);

    /// <summary>
    /// For a reference path that selects nothing in <paramref name="document"/>: the normalized prefix up to and
    /// including the first step that is missing (e.g. <c>$['no']</c> for <c>$.no.such</c>); null when it selects a node.
    /// </summary>
    public string? MissingPrefix(JValue document) => throw new NotImplementedException(document.ToString());

    public override string ToString() => Text;
}
