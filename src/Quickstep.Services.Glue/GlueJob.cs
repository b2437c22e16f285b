using Quickstep.Json;

namespace Quickstep.Services.Glue;

/// <summary>A job definition: the members of Glue's <c>Job</c> shape as given (with Glue's defaults filled in), its tags and dates.</summary>
/// <param name="Definition">The Job shape without Name, CreatedOn and LastModifiedOn.</param>
internal sealed record GlueJob(string Name, JObject Definition, IReadOnlyDictionary<string, string> Tags, DateTimeOffset CreatedOn, DateTimeOffset LastModifiedOn)
{
    public JObject Command => Definition["Command"] as JObject ?? JObject.Empty;

    public string CommandName => (Command["Name"] as JString)?.Value ?? GlueService.PythonShell;

    public string ScriptLocation => (Command["ScriptLocation"] as JString)?.Value ?? string.Empty;

    public int MaxConcurrentRuns =>
        Definition["ExecutionProperty"] is JObject p && p["MaxConcurrentRuns"] is JNumber n && n.TryGetInt32(out var v) ? v : 1;

    public int Timeout => Definition["Timeout"] is JNumber n && n.TryGetInt32(out var v) ? v : GlueService.DefaultTimeoutMinutes;

    public JObject Map(string member) => Definition[member] as JObject ?? JObject.Empty;

    /// <summary>The Job shape as GetJob answers it.</summary>
    public JObject ToJson()
    {
        var b = new JObjectBuilder(Definition.Count + 3).Set("Name", JString.Create(Name));
        foreach (var (k, v) in Definition)
            b.Set(k, v);

        return b.Set("CreatedOn", GlueService.Epoch(CreatedOn)).Set("LastModifiedOn", GlueService.Epoch(LastModifiedOn)).Build();
    }

    /// <summary>What the store keeps: the Job shape and the tags.</summary>
    public string ToStoredJson()
    {
        var tags = new JObjectBuilder(Tags.Count);
        foreach (var (k, v) in Tags)
            tags.Set(k, JString.Create(v));
        return JsonText.Serialize(ToJson().With("Tags", tags.Build()));
    }

    public static GlueJob FromStoredJson(string json)
    {
        var o = (JObject)JsonText.Parse(json);
        var definition = new JObjectBuilder(o.Count);
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in o)
        {
            switch (k)
            {
                case "Name" or "CreatedOn" or "LastModifiedOn":
                    break;
                case "Tags":
                    foreach (var (tk, tv) in (JObject)v)
                        tags[tk] = ((JString)tv).Value;
                    break;
                default:
                    definition.Set(k, v);
                    break;
            }
        }

        return new GlueJob(((JString)o["Name"]!).Value, definition.Build(), tags, GlueService.FromEpoch(o["CreatedOn"]), GlueService.FromEpoch(o["LastModifiedOn"]));
    }
}
