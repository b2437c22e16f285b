using Quickstep.Asl.Compilation;
using Quickstep.Asl.Json;

namespace Quickstep.Asl.Jsonata;

/// <summary>A parsed JSONata expression, reusable and thread-safe. CONTRACT STUB: signatures are fixed.</summary>
public sealed class JsonataExpression
{
    private JsonataExpression(string text) => Text = text;

    public string Text { get; }

    /// <summary>Parses; throws <see cref="JsonataException"/> on a syntax error.</summary>
    public static JsonataExpression Parse(string text) => throw new NotImplementedException(text);

    /// <summary>
    /// Evaluates against <paramref name="input"/> with extra variable <paramref name="bindings"/>; returns null
    /// for JSONata's "undefined". Throws <see cref="JsonataException"/> on evaluation errors.
    /// </summary>
    public JValue? Evaluate(JValue? input, IReadOnlyDictionary<string, JValue>? bindings = null, IEvaluationServices? services = null) =>
        throw new NotImplementedException(input?.ToString() + bindings?.Count + services);

    /// <summary>
    /// Evaluates inside a state: no input document, <c>$states</c> bound from the scope (input, context,
    /// and result/errorOutput where set), other <c>$name</c> looked up in the scope's variables.
    /// </summary>
    public JValue? Evaluate(in EvaluationScope scope) => throw new NotImplementedException(scope.Input.ToString());
}
