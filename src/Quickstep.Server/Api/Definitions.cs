using System.Text.Json;
using System.Text.Json.Nodes;
using Quickstep.Asl.Validation;
using Quickstep.Engine;

namespace Quickstep.Server.Api;

/// <summary>Definition, logging and tracing checks shared by create and update, with AWS's error texts.</summary>
internal static class Definitions
{
    public const string DefaultLogging = """{"level":"OFF","includeExecutionData":false}""";
    public const string DefaultTracing = """{"enabled":false}""";

    public static string AwsCode(Diagnostic d) => AwsErrorCodes.Of(d.Code);

    public static string Location(Diagnostic d) => d.Pointer.Length == 0 ? "/" : d.Pointer;

    /// <summary>
    /// Validates and compiles in one pass; the machine is kept for the revision being written, so that it is
    /// not loaded again to run. Throws InvalidDefinition ("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: … at /States/…'").
    /// </summary>
    public static StateMachine Prepare(ApiContext c, string definition, string name)
    {
        var loaded = c.Engine.TryLoad(definition, name, StateMachineType.Express);
        return loaded.Machine ?? throw Invalid(loaded.Diagnostics);
    }

    /// <summary>InvalidDefinition with every diagnostic, as CreateStateMachine words it.</summary>
    public static ApiException Invalid(IReadOnlyList<Diagnostic> diagnostics)
    {
        var text = string.Join(", ", diagnostics.Select(d => $"{AwsCode(d)}: {d.Message.TrimEnd()} at {Location(d)}"));
        return new ApiException("InvalidDefinition", $"Invalid State Machine Definition: '{text}'");
    }

    public static string? Logging(ApiRequest request)
    {
        if (request.Object("loggingConfiguration") is not { } o)
            return null;
        var level = ApiRequest.StringOf(o, "level") ?? "OFF";
        if (level is not ("ALL" or "ERROR" or "FATAL" or "OFF"))
            ApiErrors.Validation($"1 validation error detected: Value '{level}' at 'loggingConfiguration.level' failed to satisfy constraint: Member must satisfy enum value set: [ALL, ERROR, FATAL, OFF]");
        var include = o.TryGetProperty("includeExecutionData", out var inc) && inc.ValueKind != JsonValueKind.Null
            ? inc.ValueKind is JsonValueKind.True or JsonValueKind.False ? inc.GetBoolean() : throw new ApiException("ValidationException", "1 validation error detected: Value at 'loggingConfiguration.includeExecutionData' failed to satisfy constraint: Member must be a boolean")
            : false;
        var result = new JsonObject { ["level"] = level, ["includeExecutionData"] = include };
        var destinations = ApiRequest.ArrayOf(o, "destinations");
        var count = destinations?.GetArrayLength() ?? 0;
        if (count > 1 || (count == 0 && level != "OFF"))
            throw new ApiException("InvalidLoggingConfiguration", "Invalid Logging Configuration: Must specify exactly one Log Destination.");
        if (destinations is { } ds && count == 1)
        {
            var group = ApiRequest.ObjectOf(ds[0], "cloudWatchLogsLogGroup");
            var logGroupArn = group is { } g ? ApiRequest.StringOf(g, "logGroupArn", 256) : null;
            if (logGroupArn is null || !logGroupArn.StartsWith("arn:", StringComparison.Ordinal) || !logGroupArn.EndsWith(":*", StringComparison.Ordinal))
                throw new ApiException("InvalidLoggingConfiguration", $"Invalid Logging Configuration: The CloudWatch Logs Resource ARN must end with ':*': '{logGroupArn}'");
            result["destinations"] = new JsonArray(new JsonObject { ["cloudWatchLogsLogGroup"] = new JsonObject { ["logGroupArn"] = logGroupArn } });
        }

        return result.ToJsonString();
    }

    public static string? Tracing(ApiRequest request)
    {
        if (request.Object("tracingConfiguration") is not { } o)
            return null;
        var enabled = o.TryGetProperty("enabled", out var e) && e.ValueKind != JsonValueKind.Null
            ? e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : throw new ApiException("InvalidTracingConfiguration", "Invalid Tracing Configuration: enabled must be a boolean")
            : false;
        return new JsonObject { ["enabled"] = enabled }.ToJsonString();
    }

    public static string RoleArn(ApiRequest request, ApiContext context)
    {
        var role = request.String("roleArn", 256);
        if (role is null)
            return context.Arns.DefaultRoleArn;
        if (!role.StartsWith("arn:", StringComparison.Ordinal) || role.Split(':').Length < 6)
            ApiErrors.InvalidArn(role);
        return role;
    }

    public static JsonNode Json(string text) => JsonNode.Parse(text)!;
}
