using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>One recorded TestState call from <c>shared/conformance/cases/test_state</c> (README.md there).</summary>
internal sealed class TestStateCase
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    public required string FilePath { get; init; }

    /// <summary>The TestState request as the API takes it: compare.py's <c>test_state_request</c>.</summary>
    public required JObject Request { get; init; }

    /// <summary>The recorded response, or <c>{"Error": {"Code", "Message"}}</c>.</summary>
    public required JObject Expected { get; init; }

    public JValue? Placeholders { get; init; }

    public static TestStateCase FromJson(JObject json, string filePath)
    {
        ArgumentNullException.ThrowIfNull(json);
        // Definition and input go as JSON texts (the recorded text when it was not valid JSON), then every recorded request field.
        var request = new List<KeyValuePair<string, JValue>>
        {
            new("definition", json["definition_text"] as JString ?? JString.Create(JsonText.Serialize(json["definition"]!))),
        };
        if (json.ContainsKey("input"))
            request.Add(new("input", json["input_text"] as JString ?? JString.Create(JsonText.Serialize(json["input"]!))));
        if (json["request"] is JObject fields)
        {
            foreach (var field in fields)
            {
                request.RemoveAll(kv => kv.Key == field.Key);
                request.Add(field);
            }
        }

        return new TestStateCase
        {
            Id = json["id"] is JString id ? id.Value : Path.GetFileNameWithoutExtension(filePath),
            Category = json["category"] is JString c ? c.Value : "?",
            FilePath = filePath,
            Request = JObject.Create(request),
            Expected = (JObject)json["expected"]!,
            Placeholders = json["placeholders"],
        };
    }

    public override string ToString() => Id;
}
