using System.Globalization;
using Quickstep.Asl.Compilation;
using Quickstep.Asl.Errors;
using Quickstep.Asl.Model;
using Quickstep.Asl.Paths;
using Quickstep.Json;

namespace Quickstep.Engine.Plan;

/// <summary>
/// A Distributed Map's ItemBatcher: the items are grouped into batches, and each child execution gets
/// {"BatchInput": …, "Items": [...]} (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
/// MaxItemsPerBatch and MaxInputBytesPerBatch bound a batch (literal, *Path, or JSONata); without the
/// byte bound a batch stays under the payload limit. A batch always holds at least one item.
/// </summary>
internal sealed class CompiledItemBatcher
{
    private readonly Limit _maxItems;
    private readonly Limit _maxBytes;
    private readonly PayloadTemplate? _batchInput;
    private readonly JsonataTemplate? _batchInputExpr;

    public CompiledItemBatcher(JObject model, bool jsonata, ExpressionTable expressions)
    {
        _maxItems = new Limit("MaxItemsPerBatch", model, jsonata, expressions);
        _maxBytes = new Limit("MaxInputBytesPerBatch", model, jsonata, expressions);
        if (model["BatchInput"] is { } batchInput)
        {
            if (jsonata)
                _batchInputExpr = JsonataTemplate.Compile(batchInput, "BatchInput", expressions);
            else
                _batchInput = PayloadTemplate.Compile(batchInput, expressions);
        }
    }

    /// <summary>Replaces <paramref name="items"/> by the child executions' inputs, in item order; or the error evaluating the batching fields.</summary>
    public StatesError? Batch(in EvaluationScope scope, ref JValue[] items, int payloadLimit)
    {
        if (_maxItems.Evaluate(scope, out var maxItemsLimit) is { } itemsFailed)
            return itemsFailed;
        if (_maxBytes.Evaluate(scope, out var maxBytesLimit) is { } bytesFailed)
            return bytesFailed;
        var maxItems = maxItemsLimit ?? int.MaxValue;
        var maxBytes = maxBytesLimit ?? payloadLimit;
        var evaluated = _batchInput is not null ? _batchInput.Evaluate(scope) : _batchInputExpr is not null ? _batchInputExpr.Evaluate(scope) : default;
        if (evaluated.Failed)
            return evaluated.Error;
        var batchInput = evaluated.Value;

        // The size of {"BatchInput":…,"Items":[]}; each item adds its own size and a comma after the first.
        var empty = Wrap(batchInput, JArray.Empty).Utf8Size;
        var batches = new List<JValue>();
        var current = new List<JValue>();
        var size = empty;
        foreach (var item in items)
        {
            var add = item.Utf8Size + (current.Count > 0 ? 1 : 0);
            if (current.Count > 0 && (current.Count >= maxItems || size + add > maxBytes))
            {
                batches.Add(Wrap(batchInput, JArray.Own(current.ToArray())));
                current.Clear();
                size = empty;
                add = item.Utf8Size;
            }

            current.Add(item);
            size += add;
        }

        if (current.Count > 0)
            batches.Add(Wrap(batchInput, JArray.Own(current.ToArray())));
        items = [.. batches];
        return null;
    }

    private static JObject Wrap(JValue? batchInput, JArray items)
    {
        var b = new JObjectBuilder(2);
        if (batchInput is not null)
            b.AddUnique("BatchInput", batchInput);
        return b.AddUnique("Items", items).Build();
    }

    /// <summary>One bound: a positive integer given as a literal, a reference path (…Path) or a JSONata expression.</summary>
    private sealed class Limit
    {
        private readonly string _field;
        private readonly int? _literal;
        private readonly JsonPath? _path;
        private readonly JsonataTemplate? _expr;

        public Limit(string field, JObject model, bool jsonata, ExpressionTable expressions)
        {
            _field = field;
            var value = model[field];
            if (value is JNumber n)
                _literal = (int)Math.Min(n.Value, int.MaxValue);
            else if (jsonata && value is JString s && JsonataTemplate.IsExpression(s.Value))
                _expr = JsonataTemplate.Compile(s, field, expressions);
            if (model[field + "Path"] is JString p)
                _path = expressions.Path(p.Value);
        }

        /// <summary>The limit (null when absent), or the error evaluating it.</summary>
        public StatesError? Evaluate(in EvaluationScope scope, out int? limit)
        {
            limit = _literal;
            if (_literal is not null)
                return null;
            if (_expr is not null)
            {
                var e = _expr.Evaluate(scope);
                if (e.Failed)
                    return e.Error;
                if (e.Value is JNumber m && m.IsIntegral && m.Value > 0)
                {
                    limit = (int)Math.Min(m.Value, int.MaxValue);
                    return null;
                }

                return new(StatesErrors.QueryEvaluationError, $"The JSONata expression specified for the field '{_field}' returned an unexpected result type. Expected 'integer', but was '{e.Value.TypeName}' for value: {e.Value}");
            }

            if (_path is null)
                return null;
            var value = _path.Select(scope);
            if (value is null)
                return new(StatesErrors.Runtime, PathErrors.InvalidPath(_path, scope.Input));
            if (value is JNumber n && n.IsIntegral && n.Value > 0)
            {
                limit = (int)Math.Min(n.Value, int.MaxValue);
                return null;
            }

            var text = value is JString s ? s.Value : value is JNumber num ? num.ToJsonText().ToString(CultureInfo.InvariantCulture) : value.ToString();
            return new(StatesErrors.Runtime, $"The {_field}Path field refers to value \"{text}\" which is not a valid integer: {_path.Text}");
        }
    }
}
