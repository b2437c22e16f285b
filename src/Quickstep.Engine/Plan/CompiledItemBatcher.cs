namespace Quickstep.Engine.Plan;

/// <summary>
/// A Distributed Map's ItemBatcher: the items are grouped into batches, and each child execution gets
/// {"BatchInput": …, "Items": [...]} (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itembatcher.html).
/// MaxItemsPerBatch and MaxInputBytesPerBatch bound a batch (literal, *Path, or JSONata); without the
/// byte bound a batch stays under the payload limit. A batch always holds at least one item.
/// </summary>
internal sealed class CompiledItemBatcher
{
    private readonly PositiveIntegerField _maxItems;
    private readonly PositiveIntegerField _maxBytes;
    private readonly PayloadTemplate? _batchInput;
    private readonly JsonataTemplate? _batchInputExpr;

    public CompiledItemBatcher(JObject model, bool jsonata, ExpressionTable expressions)
    {
        _maxItems = Limit("MaxItemsPerBatch", model, jsonata, expressions);
        _maxBytes = Limit("MaxInputBytesPerBatch", model, jsonata, expressions);
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

    /// <summary>One bound: a literal, a reference path (…Path) or, in JSONata, an expression.</summary>
    private static PositiveIntegerField Limit(string field, JObject model, bool jsonata, ExpressionTable expressions) =>
        new(field, jsonata ? model[field] : model[field] as JNumber, (model[field + "Path"] as JString)?.Value, taskWording: false, expressions);
}
