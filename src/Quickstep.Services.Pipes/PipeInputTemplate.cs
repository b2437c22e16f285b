using System.Text;
using Quickstep.Json;

namespace Quickstep.Services.Pipes;

/// <summary>
/// Pipes' InputTemplate: <c>&lt;$.path&gt;</c> takes a value of the event (an SQS body that is JSON is read as JSON, so
/// <c>&lt;$.body.id&gt;</c> works), <c>&lt;aws.pipes.*&gt;</c> the pipe's names; inside quotes a value is inserted as
/// text, outside as JSON.
/// </summary>
internal static class PipeInputTemplate
{
    public static string Render(string template, JObject record, IReadOnlyDictionary<string, string> reserved)
    {
        var output = new StringBuilder(template.Length + 64);
        var inString = false;
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '"' && (i == 0 || template[i - 1] != '\\'))
                inString = !inString;
            var close = c == '<' ? template.IndexOf('>', i + 1) : -1;
            if (close < 0)
            {
                output.Append(c);
                continue;
            }

            var name = template[(i + 1)..close];
            JValue? value = null;
            if (name.StartsWith("$.", StringComparison.Ordinal) || name == "$")
                value = Resolve(record, name);
            else if (name == "aws.pipes.event" || name == "aws.pipes.event.json")
                value = record;
            else if (reserved.TryGetValue(name, out var text))
                value = JString.Create(text);
            else
            {
                output.Append(c);
                continue;
            }

            if (value is null)
                output.Append(inString ? string.Empty : "null");
            else if (inString)
                output.Append(value is JString s ? Escape(s.Value) : Escape(value.ToJson()));
            else
                output.Append(value.ToJson());
            i = close;
        }

        return output.ToString();
    }

    private static JValue? Resolve(JObject record, string path)
    {
        JValue? current = record;
        foreach (var part in path.Split('.').Skip(1))
        {
            if (current is JString s && s.Value.Length > 0 && s.Value[0] is '{' or '[' && JsonText.TryParse(s.Value, out var parsed, out _))
                current = parsed;
            current = current is JObject o ? o[part] : null;
            if (current is null)
                return null;
        }

        return current;
    }

    private static string Escape(string text)
    {
        var json = JString.Create(text).ToJson();
        return json[1..^1];
    }
}
