namespace Quickstep.Engine.History;

/// <summary>
/// The shape of a history event's details: builds the details object around one payload when the
/// event is read (see <see cref="HistoryEvent"/>). Shapes without per-event parts are made once per
/// state or resource and shared by every event; the JSON texts AWS shows ("input": "{\"a\":1}") are
/// made here, off the state loop.
/// </summary>
internal abstract class EventDetails
{
    public abstract JObject Build(JValue payload);

    /// <summary>A payload as the JSON text AWS puts in "input"/"output"/"parameters".</summary>
    protected static JString Text(JValue payload) => JString.Create(payload.ToString());

    protected static readonly JObject NotTruncated = new JObjectBuilder(1).AddUnique("truncated", JValue.False).Build();
}

/// <summary>stateEnteredEventDetails: {name, input, inputDetails}.</summary>
internal sealed class StateEnteredDetails(JString name) : EventDetails
{
    public override JObject Build(JValue payload) => new JObjectBuilder(3)
        .AddUnique("name", name)
        .AddUnique("input", Text(payload))
        .AddUnique("inputDetails", NotTruncated)
        .Build();
}

/// <summary>stateExitedEventDetails: {name, output, outputDetails[, assignedVariables, assignedVariablesDetails]}.</summary>
internal sealed class StateExitedDetails(JString name, JObject? assignedVariables = null) : EventDetails
{
    public override JObject Build(JValue payload)
    {
        var d = new JObjectBuilder(5)
            .AddUnique("name", name)
            .AddUnique("output", Text(payload))
            .AddUnique("outputDetails", NotTruncated);
        if (assignedVariables is not null)
        {
            d.AddUnique("assignedVariables", assignedVariables);
            d.AddUnique("assignedVariablesDetails", NotTruncated);
        }

        return d.Build();
    }
}

/// <summary>mapIteration…EventDetails: {name, index} (the payload is the index).</summary>
internal sealed class MapIterationDetails(JString name) : EventDetails
{
    public override JObject Build(JValue payload) => new JObjectBuilder(2).AddUnique("name", name).AddUnique("index", payload).Build();
}

/// <summary>
/// A details object with one payload member: the fixed members first, then the payload's text
/// under <c>payloadName</c>, then "…Details": {truncated:false} when AWS adds one, then the tail.
/// </summary>
internal sealed class PayloadDetails(JObject head, string payloadName, string? truncatedName, JObject? tail = null) : EventDetails
{
    public override JObject Build(JValue payload)
    {
        var d = new JObjectBuilder(head.Count + 2 + (tail?.Count ?? 0));
        foreach (var (k, v) in head)
            d.AddUnique(k, v);
        d.AddUnique(payloadName, Text(payload));
        if (truncatedName is not null)
            d.AddUnique(truncatedName, NotTruncated);
        if (tail is not null)
        {
            foreach (var (k, v) in tail)
                d.AddUnique(k, v);
        }

        return d.Build();
    }
}
