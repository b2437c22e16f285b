using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Json;
using Quickstep.Jsonata;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// A compiled JSONata-mode field value: strings of the form "{% expr %}" (at any depth inside
/// objects and arrays) are expressions, everything else is literal and folded at compile time.
/// Failures raise States.QueryEvaluationError with AWS's cause texts, naming the field as
/// "Output/a/b".
/// </summary>
internal abstract class JsonataTemplate
{
    public virtual bool IsConstant => false;

    /// <summary>The expression text when the whole field is one "{% %}" expression (AWS's causes quote it).</summary>
    public virtual string? ExpressionText => null;

    /// <summary>Evaluates; an expression returning undefined fails with "returned nothing (undefined)".</summary>
    public abstract Evaluated Evaluate(in EvaluationScope scope);

    public static bool IsExpression(string text) =>
        text.Length >= 4 && text.StartsWith("{%", StringComparison.Ordinal) && text.EndsWith("%}", StringComparison.Ordinal);

    /// <summary>The expression inside "{% … %}", trimmed: AWS quotes it that way in causes ('$x', not ' $x ').</summary>
    public static string ExpressionBody(string text) => text[2..^2].Trim();

    /// <summary>Builds the template from the field's JSON and the expressions the loader parsed (<paramref name="expressions"/>).</summary>
    public static JsonataTemplate Compile(JValue value, string field, ExpressionTable expressions) => CompileNode(value, field, expressions);

    /// <summary>
    /// Evaluates a single expression; <paramref name="value"/> is null for undefined (callers that accept
    /// undefined). The JSONata library reports its errors as <see cref="JsonataException"/> (its own
    /// API); this is the one place they become a States.QueryEvaluationError value.
    /// </summary>
    public static StatesError? EvaluateOrUndefined(JsonataExpression expression, string field, in EvaluationScope scope, out JValue? value)
    {
        try
        {
            value = expression.Evaluate(scope);
            return null;
        }
        catch (JsonataException e) when (e.Code == JsonataExpression.UnsupportedResultCode)
        {
            // Recorded: test_map_state_items_eval_jsonata_fail[function].
            value = null;
            return new StatesError(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.Text}' specified for the field '{field}' returned an unsupported result type.");
        }
        catch (JsonataException e)
        {
            value = null;
            return new StatesError(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.Text}' specified for the field '{field}' threw an error during evaluation. {e.Code}: {e.Message}");
        }
    }

    private static JsonataTemplate CompileNode(JValue node, string field, ExpressionTable expressions)
    {
        switch (node)
        {
            case JString s when IsExpression(s.Value):
                {
                    var expression = expressions.Jsonata(s.Value);
                    return new ExpressionTemplate(expression, field, InputFieldPath(expression.Text));
                }
            case JObject obj:
                {
                    var names = new string[obj.Count];
                    var values = new JsonataTemplate[obj.Count];
                    var constant = true;
                    var i = 0;
                    foreach (var p in obj.AsSpan())
                    {
                        names[i] = p.Key;
                        values[i] = CompileNode(p.Value, field + "/" + p.Key, expressions);
                        constant &= values[i].IsConstant;
                        i++;
                    }

                    return constant ? new ConstantTemplate(obj) : new ObjectTemplate(names, values);
                }

            case JArray arr:
                {
                    var items = new JsonataTemplate[arr.Count];
                    var constant = true;
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = CompileNode(arr[i], field, expressions);
                        constant &= items[i].IsConstant;
                    }

                    return constant ? new ConstantTemplate(arr) : new ArrayTemplate(items);
                }

            default:
                return new ConstantTemplate(node);
        }
    }

    private sealed class ConstantTemplate(JValue value) : JsonataTemplate
    {
        public override bool IsConstant => true;

        public override Evaluated Evaluate(in EvaluationScope scope) => value;
    }

    /// <summary>
    /// The field names of an expression that is only <c>$states.input.a.b</c>, else null. Such an
    /// expression is a plain object walk whenever every step lands in an object, which the template
    /// then does directly (nanoseconds instead of a JSONata evaluation); anything else — arrays,
    /// missing fields — falls back to JSONata, so the result is always JSONata's.
    /// </summary>
    private static string[]? InputFieldPath(string body)
    {
        const string prefix = "$states.input.";
        if (!body.StartsWith(prefix, StringComparison.Ordinal))
            return null;
        var names = body[prefix.Length..].Split('.');
        foreach (var n in names)
        {
            if (n.Length == 0 || !(char.IsAsciiLetter(n[0]) || n[0] == '_') || !n.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
                return null;
        }

        return names;
    }

    private sealed class ExpressionTemplate(JsonataExpression expression, string field, string[]? inputPath) : JsonataTemplate
    {
        public override string? ExpressionText => expression.Text;

        public override Evaluated Evaluate(in EvaluationScope scope)
        {
            if (inputPath is not null && Walk(scope.Input, inputPath) is { } direct)
                return direct;
            if (EvaluateOrUndefined(expression, field, scope, out var value) is { } error)
                return error;
            return value is not null ? value : Evaluated.Fail(StatesErrors.QueryEvaluationError, $"The JSONata expression '{expression.Text}' specified for the field '{field}' returned nothing (undefined).");
        }
    }

    private static JValue? Walk(JValue value, string[] names)
    {
        foreach (var name in names)
        {
            if (value is not JObject o || !o.TryGetValue(name, out var next))
                return null;
            value = next;
        }

        // A field holding an array is returned as is; JSONata would do the same.
        return value;
    }

    private sealed class ObjectTemplate(string[] names, JsonataTemplate[] values) : JsonataTemplate
    {
        public override Evaluated Evaluate(in EvaluationScope scope)
        {
            var props = new KeyValuePair<string, JValue>[names.Length];
            for (var i = 0; i < props.Length; i++)
            {
                var v = values[i].Evaluate(scope);
                if (v.Failed)
                    return v;
                props[i] = new(names[i], v.Value);
            }

            return JObject.Own(props);
        }
    }

    private sealed class ArrayTemplate(JsonataTemplate[] items) : JsonataTemplate
    {
        public override Evaluated Evaluate(in EvaluationScope scope)
        {
            var values = new JValue[items.Length];
            for (var i = 0; i < values.Length; i++)
            {
                var v = items[i].Evaluate(scope);
                if (v.Failed)
                    return v;
                values[i] = v.Value;
            }

            return JArray.Own(values);
        }
    }
}
