using Quickstep.Asl.Errors;
using Quickstep.Asl.Intrinsics;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// A compiled JSONPath payload template (Parameters, ResultSelector, ItemSelector, Assign, …):
/// keys ending ".$" are evaluated (path, context path, variable or intrinsic) and renamed; all
/// else is literal. Constant subtrees are folded at compile time and returned by reference.
/// </summary>
internal abstract class PayloadTemplate
{
    /// <summary>The payload, or the States.Runtime/States.IntrinsicFailure error evaluating it raised.</summary>
    public abstract Evaluated Evaluate(in EvaluationScope scope);

    /// <summary>True when the template has no ".$" keys (its value never changes).</summary>
    public virtual bool IsConstant => false;

    /// <summary>
    /// True when evaluating builds new data (an intrinsic call somewhere inside): only such values are counted
    /// against <see cref="BuildLimit"/>; paths only share parts of the input, which is within the payload limit.
    /// </summary>
    internal virtual bool Builds => false;

    /// <summary>Builds the template from its JSON and the expressions the loader parsed (<paramref name="expressions"/>).</summary>
    public static PayloadTemplate Compile(JValue template, ExpressionTable expressions) => CompileNode(template, expressions);

    private static PayloadTemplate CompileNode(JValue node, ExpressionTable expressions)
    {
        switch (node)
        {
            case JObject obj:
                {
                    var names = new string[obj.Count];
                    var values = new PayloadTemplate[obj.Count];
                    var constant = true;
                    var i = 0;
                    foreach (var p in obj.AsSpan())
                    {
                        if (p.Key.EndsWith(".$", StringComparison.Ordinal) && p.Key.Length > 2)
                        {
                            names[i] = p.Key[..^2];
                            values[i] = CompileDynamic(p.Key, p.Value, expressions);
                            constant = false;
                        }
                        else
                        {
                            names[i] = p.Key;
                            values[i] = CompileNode(p.Value, expressions);
                            constant &= values[i].IsConstant;
                        }

                        i++;
                    }

                    return constant ? new ConstantTemplate(obj) : new ObjectTemplate(names, values);
                }

            case JArray arr:
                {
                    var items = new PayloadTemplate[arr.Count];
                    var constant = true;
                    for (var i = 0; i < items.Length; i++)
                    {
                        items[i] = CompileNode(arr[i], expressions);
                        constant &= items[i].IsConstant;
                    }

                    return constant ? new ConstantTemplate(arr) : new ArrayTemplate(items);
                }

            default:
                return new ConstantTemplate(node);
        }
    }

    /// <summary>Compiles the value of a ".$" key: a path, a context path, a variable reference or an intrinsic call.</summary>
    public static PayloadTemplate CompileDynamic(string fieldName, JValue value, ExpressionTable expressions)
    {
        if (value is not JString s)
            throw new TemplateCompileException($"The value for the field '{fieldName}' must be a STRING that contains a JSONPath but was an {value.TypeName.ToUpperInvariant()}");
        var text = s.Value;
        if (text.StartsWith('$'))
            return new PathTemplate(fieldName, expressions.Path(text));
        if (IntrinsicFunction.IsIntrinsic(text))
            return new IntrinsicTemplate(expressions.Intrinsic(text));

        throw new TemplateCompileException($"The value for the field '{fieldName}' must be a valid JSONPath or a valid intrinsic function call");
    }

    private sealed class ConstantTemplate(JValue value) : PayloadTemplate
    {
        public override bool IsConstant => true;

        public override Evaluated Evaluate(in EvaluationScope scope) => value;
    }

    private sealed class ObjectTemplate(string[] names, PayloadTemplate[] values) : PayloadTemplate
    {
        private readonly int[]? _built = BuiltAt(values);

        internal override bool Builds => _built is not null;

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

            if (_built is not null && TooLarge(_built, props) is { } tooLarge)
                return tooLarge;
            return JObject.Own(props);
        }

        private static StatesError? TooLarge(int[] built, KeyValuePair<string, JValue>[] props)
        {
            var total = 0L;
            foreach (var i in built)
            {
                if (BuildLimit.Add(ref total, props[i].Value) is { } tooLarge)
                    return tooLarge;
            }

            return null;
        }
    }

    private sealed class ArrayTemplate(PayloadTemplate[] items) : PayloadTemplate
    {
        private readonly int[]? _built = BuiltAt(items);

        internal override bool Builds => _built is not null;

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

            if (_built is not null && TooLarge(_built, values) is { } tooLarge)
                return tooLarge;
            return JArray.Own(values);
        }

        private static StatesError? TooLarge(int[] built, JValue[] values)
        {
            var total = 0L;
            foreach (var i in built)
            {
                if (BuildLimit.Add(ref total, values[i]) is { } tooLarge)
                    return tooLarge;
            }

            return null;
        }
    }

    /// <summary>
    /// The positions of the parts that build new data, or null when none does. The sizes are added up after the
    /// parts are evaluated, off the loop that evaluates them: each part that builds is bounded already.
    /// </summary>
    private static int[]? BuiltAt(PayloadTemplate[] parts)
    {
        var built = Enumerable.Range(0, parts.Length).Where(i => parts[i].Builds).ToArray();
        return built.Length == 0 ? null : built;
    }

    private sealed class PathTemplate(string fieldName, JsonPath path) : PayloadTemplate
    {
        public override Evaluated Evaluate(in EvaluationScope scope)
        {
            var value = path.Select(scope, out var error);
            if (value is not null)
                return value;
            if (error is not null)
                return error;
            if (path.Root == PathRoot.Variable)
                return Evaluated.Fail(StatesErrors.Runtime, $"The JSONPath '{path.Text}' specified for the field '{fieldName}' could not be found in the variables");
            var document = path.Root == PathRoot.Context ? scope.Context : scope.Input;
            return Evaluated.Fail(StatesErrors.Runtime, $"The JSONPath '{path.Text}' specified for the field '{fieldName}' could not be found in the input '{document}'");
        }
    }

    private sealed class IntrinsicTemplate(IntrinsicExpression expression) : PayloadTemplate
    {
        internal override bool Builds => true;

        public override Evaluated Evaluate(in EvaluationScope scope) => expression.Evaluate(scope);
    }
}
