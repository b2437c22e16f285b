using Quickstep.Json;

namespace Quickstep.Conformance.Tests.Running;

/// <summary>One recorded execution from <c>tests/data/conformance/cases</c> (README.md there lists the fields).</summary>
internal sealed class ConformanceCase
{
    public required string Id { get; init; }

    public required string Category { get; init; }

    /// <summary>STANDARD or EXPRESS: the type AWS ran.</summary>
    public required string Type { get; init; }

    public required string FilePath { get; init; }

    /// <summary>The definition as JSON text (what CreateStateMachine was given).</summary>
    public required string DefinitionText { get; init; }

    public required JValue Input { get; init; }

    public required JObject Expected { get; init; }

    public required IReadOnlyList<string> Needs { get; init; }

    public required IReadOnlyList<LambdaSpec> Lambdas { get; init; }

    public JValue? Placeholders { get; init; }

    /// <summary>How the recording was taken: "sync" for StartSyncExecution, "history", "log_end" (async Express), "create_error"…</summary>
    public string RecordedVia { get; init; } = string.Empty;

    public string ExpectedStatus => Expected["status"] is JString s ? s.Value : string.Empty;

    public JArray? ExpectedHistory => Expected["history"] as JArray;

    /// <summary>Runs in-process: needs nothing, or only Lambda functions the harness emulates.</summary>
    public bool IsRunnable => Needs.All(n => n == "lambda");

    public static ConformanceCase FromJson(JObject json, string filePath)
    {
        ArgumentNullException.ThrowIfNull(json);
        return new ConformanceCase
        {
            Id = Str(json, "id") ?? Path.GetFileNameWithoutExtension(filePath),
            Category = Str(json, "category") ?? "?",
            Type = Str(json, "type") ?? "STANDARD",
            FilePath = filePath,
            // The case's own "definition_text" when the recording was not valid JSON; else the parsed definition re-serialized.
            DefinitionText = Str(json, "definition_text") ?? JsonText.Serialize(json["definition"]!),
            Input = json["input"] ?? JObject.Empty,
            Expected = (JObject)json["expected"]!,
            Needs = json["needs"] is JArray needs ? [.. needs.OfType<JString>().Select(s => s.Value)] : [],
            Lambdas = json["lambdas"] is JArray lambdas ? [.. lambdas.OfType<JObject>().Select(ToLambda)] : [],
            Placeholders = json["placeholders"],
            RecordedVia = Str(json, "recorded_via") ?? string.Empty,
        };
    }

    private static LambdaSpec ToLambda(JObject l) =>
        new(Str(l, "name") ?? string.Empty, Str(l, "arn") ?? string.Empty, Str(l, "kind") ?? string.Empty, Str(l, "handler_file") ?? string.Empty, Str(l, "behaviour") ?? string.Empty);

    private static string? Str(JObject o, string key) => o[key] is JString s ? s.Value : null;

    public override string ToString() => Id;
}
