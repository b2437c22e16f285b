using Quickstep.Asl.Compilation;
using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Paths;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Model;

/// <summary>
/// Every path, intrinsic call and JSONata expression of one definition, parsed once by the loader and
/// kept with the JSON pointer where it was first found; the plan compiler takes them from here and
/// never parses. Keyed by the text as written (a JSONata entry by its whole "{% … %}" string).
/// </summary>
internal sealed class ExpressionTable
{
    private readonly Dictionary<string, (string Pointer, JsonPath Path)> _paths = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Pointer, IntrinsicExpression Call)> _intrinsics = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Pointer, JsonataExpression Expression)> _jsonata = new(StringComparer.Ordinal);

    /// <summary>How many distinct expressions the definition holds.</summary>
    public int Count => _paths.Count + _intrinsics.Count + _jsonata.Count;

    /// <summary>The parsed path <paramref name="text"/>; throws <see cref="TemplateCompileException"/> when the loader did not parse it.</summary>
    public JsonPath Path(string text) =>
        _paths.TryGetValue(text, out var e) ? e.Path : throw NotParsed("path", text);

    /// <summary>The parsed intrinsic call <paramref name="text"/>.</summary>
    public IntrinsicExpression Intrinsic(string text) =>
        _intrinsics.TryGetValue(text, out var e) ? e.Call : throw NotParsed("intrinsic function call", text);

    /// <summary>The parsed expression of a "{% … %}" string.</summary>
    public JsonataExpression Jsonata(string text) =>
        _jsonata.TryGetValue(text, out var e) ? e.Expression : throw NotParsed("JSONata expression", text);

    /// <summary>The JSON pointer where <paramref name="text"/> (a path, a call or a "{% %}" string) was first found, or null.</summary>
    public string? PointerOf(string text) =>
        _paths.TryGetValue(text, out var p) ? p.Pointer
        : _intrinsics.TryGetValue(text, out var i) ? i.Pointer
        : _jsonata.TryGetValue(text, out var j) ? j.Pointer
        : null;

    internal bool TryGetPath(string text, out JsonPath path)
    {
        var found = _paths.TryGetValue(text, out var e);
        path = e.Path;
        return found;
    }

    internal bool ContainsIntrinsic(string text) => _intrinsics.ContainsKey(text);

    internal bool ContainsJsonata(string text) => _jsonata.ContainsKey(text);

    internal void AddPath(string text, string pointer, JsonPath path) => _paths.TryAdd(text, (pointer, path));

    internal void AddIntrinsic(string text, string pointer, IntrinsicExpression call) => _intrinsics.TryAdd(text, (pointer, call));

    internal void AddJsonata(string text, string pointer, JsonataExpression expression) => _jsonata.TryAdd(text, (pointer, expression));

    private static TemplateCompileException NotParsed(string kind, string text) =>
        new($"The {kind} '{text}' was not parsed when the definition was loaded.");
}
