using System.Globalization;
using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>botocore's Step Functions service model (data/botocore): checks an answer against an operation's output shape and declared errors.</summary>
internal sealed class ServiceModel
{
    /// <summary>Errors any AWS JSON operation may answer besides its declared ones (protocol and throttling, not the service's).</summary>
    private static readonly HashSet<string> Common = new(StringComparer.Ordinal)
    {
        "SerializationException", "UnknownOperationException", "ValidationException", "InternalFailure", "ThrottlingException", "AccessDeniedException",
    };

    private readonly JsonElement _operations;
    private readonly JsonElement _shapes;

    private ServiceModel(JsonElement root)
    {
        _operations = root.GetProperty("operations");
        _shapes = root.GetProperty("shapes");
    }

    public static ServiceModel Load() =>
        new(JsonDocument.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "data", "botocore", "stepfunctions-2016-11-23-service-2.json"))).RootElement.Clone());

    public IEnumerable<string> Operations => _operations.EnumerateObject().Select(o => o.Name);

    /// <summary>Every way <paramref name="body"/> (a 200 answer of <paramref name="operation"/>) departs from the output shape.</summary>
    public List<string> CheckOutput(string operation, JsonElement body)
    {
        var problems = new List<string>();
        var op = _operations.GetProperty(operation);
        if (op.TryGetProperty("output", out var output))
            Check(output.GetProperty("shape").GetString()!, body, operation, problems);
        else if (body.ValueKind != JsonValueKind.Object || body.EnumerateObject().Any())
            problems.Add($"{operation}: no output in the model, got {body}");
        return problems;
    }

    /// <summary>Null when <paramref name="code"/> is an error <paramref name="operation"/> may answer, else why not.</summary>
    public string? CheckError(string operation, string code)
    {
        if (Common.Contains(code))
            return null;
        var declared = _operations.GetProperty(operation).TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("shape").GetString()!).ToList()
            : [];
        return declared.Contains(code) ? null : $"{operation} answered {code}, which it does not declare ({string.Join(", ", declared)})";
    }

    private void Check(string shapeName, JsonElement value, string path, List<string> problems)
    {
        var shape = _shapes.GetProperty(shapeName);
        var type = shape.GetProperty("type").GetString();
        switch (type)
        {
            case "structure":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: expected a structure ({shapeName}), got {value.ValueKind}");
                    return;
                }

                var members = shape.GetProperty("members");
                if (shape.TryGetProperty("required", out var required))
                {
                    foreach (var r in required.EnumerateArray())
                    {
                        if (!value.TryGetProperty(r.GetString()!, out var v) || v.ValueKind == JsonValueKind.Null)
                            problems.Add($"{path}: required member '{r.GetString()}' is missing");
                    }
                }

                foreach (var p in value.EnumerateObject())
                {
                    if (!members.TryGetProperty(p.Name, out var member))
                        problems.Add($"{path}: member '{p.Name}' is not in {shapeName}");
                    else if (p.Value.ValueKind != JsonValueKind.Null)
                        Check(member.GetProperty("shape").GetString()!, p.Value, $"{path}.{p.Name}", problems);
                }

                break;
            case "list":
                if (value.ValueKind != JsonValueKind.Array)
                {
                    problems.Add($"{path}: expected a list, got {value.ValueKind}");
                    return;
                }

                var i = 0;
                foreach (var item in value.EnumerateArray())
                    Check(shape.GetProperty("member").GetProperty("shape").GetString()!, item, $"{path}[{i++}]", problems);
                break;
            case "map":
                if (value.ValueKind != JsonValueKind.Object)
                {
                    problems.Add($"{path}: expected a map, got {value.ValueKind}");
                    return;
                }

                foreach (var p in value.EnumerateObject())
                    Check(shape.GetProperty("value").GetProperty("shape").GetString()!, p.Value, $"{path}.{p.Name}", problems);
                break;
            case "string" or "blob":
                if (value.ValueKind != JsonValueKind.String)
                {
                    problems.Add($"{path}: expected a string, got {value.ValueKind}");
                    return;
                }

                if (shape.TryGetProperty("enum", out var allowed) && !allowed.EnumerateArray().Any(a => a.GetString() == value.GetString()))
                    problems.Add($"{path}: '{value.GetString()}' is not one of {shapeName}'s values");
                if (shape.TryGetProperty("max", out var max) && value.GetString()!.Length > max.GetInt64())
                    problems.Add($"{path}: longer than {max.GetInt64()}");
                break;
            case "integer" or "long":
                if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out var n))
                {
                    problems.Add($"{path}: expected an integer, got {value}");
                    return;
                }

                if (shape.TryGetProperty("min", out var lo) && n < lo.GetInt64())
                    problems.Add($"{path}: {n.ToString(CultureInfo.InvariantCulture)} below {lo.GetInt64()}");
                break;
            case "boolean":
                if (value.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
                    problems.Add($"{path}: expected a boolean, got {value.ValueKind}");
                break;
            case "timestamp" or "double" or "float":
                if (value.ValueKind != JsonValueKind.Number)
                    problems.Add($"{path}: expected a number ({type}), got {value.ValueKind}");
                break;
            default:
                problems.Add($"{path}: unknown shape type {type}");
                break;
        }
    }
}
