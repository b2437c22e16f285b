using System.Globalization;
using System.Text;
using Quickstep.Json;

namespace Quickstep.Services.Events.Rules;

/// <summary>
/// What a target receives for an event: the event, Input (constant JSON), InputPath (part of the event) or an
/// InputTransformer's template filled from InputPathsMap and the predefined variables
/// (https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html).
/// </summary>
internal static class RuleInput
{
    public const string EventVariable = "aws.events.event";
    public const string EventJsonVariable = "aws.events.event.json";
    public const string RuleArnVariable = "aws.events.rule-arn";
    public const string RuleNameVariable = "aws.events.rule-name";
    public const string IngestionTimeVariable = "aws.events.event.ingestion-time";

    public static string Build(JObject target, JObject envelope, string eventJson, EventRule rule, DateTimeOffset ingestion)
    {
        if (target["Input"] is JString input)
            return input.Value;
        if (target["InputPath"] is JString inputPath)
            return EventPath.Parse(inputPath.Value) is { } path && EventPath.Select(envelope, path) is { } selected ? selected.ToJson() : "null";
        if (target["InputTransformer"] is JObject transformer)
            return Transform(transformer, envelope, rule, ingestion);
        return eventJson;
    }

    /// <summary>
    /// Fills <c>&lt;name&gt;</c> placeholders. Inside a JSON string a value goes in as text (a string without its quotes,
    /// an object or array with its inner quotes removed, no escaping); outside strings as JSON. A template that is
    /// not JSON (no leading <c>{</c>, <c>[</c> or <c>"</c>) is text throughout. A path the event lacks defines no
    /// variable: its placeholder becomes <c>null</c> in JSON and nothing in text.
    /// </summary>
    public static string Transform(JObject transformer, JObject envelope, EventRule rule, DateTimeOffset ingestion)
    {
        var template = transformer["InputTemplate"] is JString t ? t.Value : "";
        var variables = new Dictionary<string, JValue?>(StringComparer.Ordinal);
        if (transformer["InputPathsMap"] is JObject map)
        {
            foreach (var (name, pathValue) in map)
                variables[name] = pathValue is JString p && EventPath.Parse(p.Value) is { } path ? EventPath.Select(envelope, path) : null;
        }

        var trimmed = template.TrimStart();
        var json = trimmed.StartsWith('{') || trimmed.StartsWith('[') || trimmed.StartsWith('"');
        var output = new StringBuilder(template.Length + 64);
        var inString = !json;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (json && c == '"' && !Escaped(template, i))
            {
                inString = !inString;
                output.Append(c);
                continue;
            }

            if (c == '<')
            {
                var close = template.IndexOf('>', i + 1);
                if (close > i)
                {
                    var name = template[(i + 1)..close];
                    if (TryVariable(name, variables, envelope, rule, ingestion, out var value))
                    {
                        output.Append(inString ? AsText(value) : value?.ToJson() ?? "null");
                        i = close;
                        continue;
                    }
                }
            }

            output.Append(c);
        }

        return output.ToString();
    }

    private static bool TryVariable(string name, Dictionary<string, JValue?> variables, JObject envelope, EventRule rule, DateTimeOffset ingestion, out JValue? value)
    {
        switch (name)
        {
            case EventVariable:
                value = envelope.Without("detail");
                return true;
            case EventJsonVariable:
                value = envelope;
                return true;
            case RuleArnVariable:
                value = JString.Create(rule.Arn);
                return true;
            case RuleNameVariable:
                value = JString.Create(rule.Name);
                return true;
            case IngestionTimeVariable:
                value = JString.Create(ingestion.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                return true;
            default:
                return variables.TryGetValue(name, out value);
        }
    }

    /// <summary>A value placed inside a string: strings as they are, objects and arrays without their inner quotes.</summary>
    private static string AsText(JValue? value) => value switch
    {
        null => "",
        JString s => s.Value,
        JObject or JArray => value.ToJson().Replace("\"", "", StringComparison.Ordinal),
        _ => value.ToJson(),
    };

    private static bool Escaped(string text, int at)
    {
        var backslashes = 0;
        for (var j = at - 1; j >= 0 && text[j] == '\\'; j--)
            backslashes++;
        return backslashes % 2 == 1;
    }
}
