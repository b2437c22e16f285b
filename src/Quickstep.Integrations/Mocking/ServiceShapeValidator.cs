using System.Reflection;
using Quickstep.Engine.Testing;
using Quickstep.Json;

namespace Quickstep.Integrations.Mocking;

/// <summary>
/// Checks a mocked Task result (TestState's mock) against the output shape of the service API the
/// Task's resource calls, with AWS's messages. The shapes come from the AWS service models
/// (Shapes/service-shapes.json, written by Shapes/generate_shapes.py); a resource whose API is not
/// among them, and the .sync and .waitForTaskToken patterns (whose result is not the API's output), are not checked.
/// An optimized integration (not aws-sdk) hands blobs over as JSON (lambda:invoke's Payload), so there a blob may be any value.
/// </summary>
public sealed class ServiceShapeValidator : IMockResultValidator
{
    private static readonly Lazy<JObject> Models = new(LoadModels);

    /// <summary>Service names in resources that differ from the service model's.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["states"] = "stepfunctions",
        ["sfn"] = "stepfunctions",
        ["eventbridge"] = "events",
        ["cloudwatchlogs"] = "logs",
        ["bedrockruntime"] = "bedrock-runtime",
    };

    public string? Validate(string resource, JValue result, MockFieldValidationMode mode)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentNullException.ThrowIfNull(result);
        if (mode == MockFieldValidationMode.None)
            return null;
        var (shapes, shape, blobAsJson) = Output(resource);
        return shapes is null || shape is null ? null : new Checker(shapes, mode == MockFieldValidationMode.Strict, blobAsJson).Check(shape, result, null);
    }

    /// <summary>The service's shapes, the operation's output shape name and whether blobs are JSON, or nulls.</summary>
    private static (JObject? Shapes, string? Shape, bool BlobAsJson) Output(string resource)
    {
        const string Prefix = "arn:aws:states:::";
        if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
            return (null, null, false);
        var rest = resource[Prefix.Length..];
        var sdk = rest.StartsWith("aws-sdk:", StringComparison.Ordinal);
        if (sdk)
            rest = rest["aws-sdk:".Length..];
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || rest.Contains('.', StringComparison.Ordinal))
            return (null, null, false);
        var service = rest[..colon];
        var action = rest[(colon + 1)..];
        if (action.Length == 0)
            return (null, null, false);
        service = Aliases.TryGetValue(service, out var alias) ? alias : service;
        var operation = char.ToUpperInvariant(action[0]) + action[1..];
        if (Models.Value[service] is not JObject model || model["ops"] is not JObject ops || ops[operation] is not JString output)
            return (null, null, false);
        return ((JObject)model["shapes"]!, output.Value, !sdk);
    }

    private sealed class Checker(JObject shapes, bool strict, bool blobAsJson)
    {
        public string? Check(string shapeName, JValue value, string? field)
        {
            if (shapes[shapeName] is not JObject shape || shape["t"] is not JString type)
                return null;
            var name = field ?? "result";
            switch (type.Value)
            {
                case "o":
                    if (value is not JObject obj)
                        return $"Field '{name}' must be an object";
                    var members = (JObject)shape["m"]!;
                    foreach (var (key, member) in members)
                    {
                        var wire = Pascal(key);
                        if (obj[wire] is { } given && Check(((JString)member).Value, given, wire) is { } problem)
                            return problem;
                    }

                    if (strict && shape["r"] is JArray required)
                    {
                        foreach (var r in required.OfType<JString>())
                        {
                            if (!obj.ContainsKey(Pascal(r.Value)))
                                return $"Required field '{Pascal(r.Value)}' is missing";
                        }
                    }

                    return null;
                case "a":
                    return value is JArray list ? CheckEach(list, shape["e"]!, name) : $"Field '{name}' must be an array";
                case "m":
                    return value is JObject map ? CheckEach(map.Select(p => p.Value), shape["v"]!, name) : $"Field '{name}' must be an object";
                case "n":
                    if (value is not JNumber n)
                        return $"Field '{name}' must be a number";
                    if (shape["min"] is JNumber min && n.Value < min.Value)
                        return $"Field '{name}' is less than the minimum value";
                    if (shape["max"] is JNumber max && n.Value > max.Value)
                        return $"Field '{name}' exceeds the maximum value";
                    return null;
                case "b":
                    return value is JBool ? null : $"Field '{name}' must be a boolean";
                default:
                    if (blobAsJson && shape.ContainsKey("blob"))
                        return null;
                    if (value is not JString s)
                        return $"Field '{name}' must be a string";
                    if (shape["min"] is JNumber minLength && s.Value.Length < minLength.Value)
                        return $"Field '{name}' is smaller than the minimum length";
                    if (shape["max"] is JNumber maxLength && s.Value.Length > maxLength.Value)
                        return $"Field '{name}' exceeds the maximum length";
                    if (shape["enum"] is JArray values && !values.OfType<JString>().Any(v => v.Value == s.Value))
                        return $"Field '{name}' is not an expected value";
                    return null;
            }
        }

        /// <summary>The first problem of a list's or a map's items against their one shape.</summary>
        private string? CheckEach(IEnumerable<JValue> items, JValue itemShape, string name)
        {
            foreach (var item in items)
            {
                if (Check(((JString)itemShape).Value, item, name) is { } problem)
                    return problem;
            }

            return null;
        }
    }

    /// <summary>Step Functions names API members with a capital first letter (executionArn → ExecutionArn).</summary>
    private static string Pascal(string member) => member.Length == 0 || char.IsUpper(member[0]) ? member : char.ToUpperInvariant(member[0]) + member[1..];

    private static JObject LoadModels()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Quickstep.Integrations.Mocking.service-shapes.json")
            ?? throw new InvalidOperationException("The service shapes resource is missing from Quickstep.Integrations.");
        using var reader = new StreamReader(stream);
        return (JObject)JsonText.Parse(reader.ReadToEnd());
    }
}
