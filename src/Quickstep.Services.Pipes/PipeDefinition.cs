using System.Globalization;
using System.Text.RegularExpressions;
using Quickstep.EventPatterns;
using Quickstep.Json;

namespace Quickstep.Services.Pipes;

/// <summary>A pipe's validated definition: SQS source and its parameters, filters, enrichment, target and its parameters.</summary>
internal sealed partial class PipeDefinition
{
    public required string Name { get; init; }

    public required JObject Document { get; init; }

    public required string Source { get; init; }

    public required string Target { get; init; }

    public string? Enrichment { get; init; }

    public required string DesiredState { get; init; }

    public int BatchSize { get; init; } = 10;

    public int BatchingWindowSeconds { get; init; }

    public IReadOnlyList<EventPattern> Filters { get; init; } = [];

    public bool Synchronous { get; init; }

    public string? InputTemplate { get; init; }

    public string? EnrichmentInputTemplate { get; init; }

    [GeneratedRegex("^[\\.\\-_A-Za-z0-9]+$")]
    private static partial Regex NamePattern();

    public static void CheckName(string? name)
    {
        if (name is null || name.Length is 0 or > 64 || !NamePattern().IsMatch(name))
            throw PipesErrors.Validation($"1 validation error detected: Value '{name}' at 'name' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\.\\-_A-Za-z0-9]+ and length between 1 and 64");
    }

    /// <summary>Reads CreatePipe input, or UpdatePipe input over the existing document (members not given stay).</summary>
    public static PipeDefinition Read(JObject input, JObject? existing)
    {
        var name = Str(input, "Name");
        CheckName(name);
        var document = existing ?? JObject.Empty;
        foreach (var member in input)
        {
            if (member.Key is "Name" or "Tags")
                continue;
            if (existing is not null && member.Key == "SourceParameters" && existing["SourceParameters"] is JObject old && member.Value is JObject update)
            {
                // UpdatePipeSourceParameters changes the parameters it names.
                var merged = old;
                foreach (var p in update)
                    merged = merged.With(p.Key, p.Value);
                document = document.With(member.Key, merged);
                continue;
            }

            document = document.With(member.Key, member.Value);
        }

        var source = Str(document, "Source") ?? throw Missing("source");
        var target = Str(document, "Target") ?? throw Missing("target");
        _ = Str(document, "RoleArn") ?? throw Missing("roleArn");
        if (!source.StartsWith("arn:aws:sqs:", StringComparison.Ordinal) || source.Split(':').Length != 6)
            throw PipesErrors.Validation($"Source {source} is not supported: Quickstep's pipes read SQS queues (arn:aws:sqs:REGION:ACCOUNT:QUEUE).");
        if (!target.StartsWith("arn:", StringComparison.Ordinal))
            throw PipesErrors.Validation($"Target {target} is not a valid ARN.");
        var desired = Str(document, "DesiredState") ?? "RUNNING";
        if (desired is not ("RUNNING" or "STOPPED"))
            throw PipesErrors.Validation($"1 validation error detected: Value '{desired}' at 'desiredState' failed to satisfy constraint: Member must satisfy enum value set: [RUNNING, STOPPED]");

        var sourceParameters = document["SourceParameters"] as JObject;
        var sqs = sourceParameters?["SqsQueueParameters"] as JObject;
        var batchSize = Int(sqs, "BatchSize") ?? 10;
        var window = Int(sqs, "MaximumBatchingWindowInSeconds") ?? 0;
        if (batchSize is < 1 or > 10000)
            throw PipesErrors.Validation($"1 validation error detected: Value '{batchSize}' at 'sourceParameters.sqsQueueParameters.batchSize' failed to satisfy constraint: Member must have value between 1 and 10000");
        if (window is < 0 or > 300)
            throw PipesErrors.Validation($"1 validation error detected: Value '{window}' at 'sourceParameters.sqsQueueParameters.maximumBatchingWindowInSeconds' failed to satisfy constraint: Member must have value between 0 and 300");
        if (batchSize > 10 && window == 0)
            throw PipesErrors.Validation("MaximumBatchingWindowInSeconds must be greater than 0 when BatchSize is greater than 10.");

        var filters = new List<EventPattern>();
        if (sourceParameters?["FilterCriteria"] is JObject criteria && criteria["Filters"] is JArray list)
        {
            foreach (var f in list)
            {
                if (f is not JObject filter || filter["Pattern"] is not JString pattern)
                    continue;
                try
                {
                    filters.Add(EventPattern.Parse(pattern.Value));
                }
                catch (EventPatternException e)
                {
                    throw PipesErrors.Validation($"Invalid filter pattern: {e.Message}");
                }
            }
        }

        var targetParameters = document["TargetParameters"] as JObject;
        var invocation = (targetParameters?["StepFunctionStateMachineParameters"] as JObject)?["InvocationType"] is JString it ? it.Value : "FIRE_AND_FORGET";
        if (invocation is not ("REQUEST_RESPONSE" or "FIRE_AND_FORGET"))
            throw PipesErrors.Validation($"1 validation error detected: Value '{invocation}' at 'targetParameters.stepFunctionStateMachineParameters.invocationType' failed to satisfy constraint: Member must satisfy enum value set: [REQUEST_RESPONSE, FIRE_AND_FORGET]");

        return new PipeDefinition
        {
            Name = name!,
            Document = document,
            Source = source,
            Target = target,
            Enrichment = Str(document, "Enrichment") is { Length: > 0 } e2 ? e2 : null,
            DesiredState = desired,
            BatchSize = batchSize,
            BatchingWindowSeconds = window,
            Filters = filters,
            Synchronous = invocation == "REQUEST_RESPONSE",
            InputTemplate = targetParameters?["InputTemplate"] is JString t ? t.Value : null,
            EnrichmentInputTemplate = (document["EnrichmentParameters"] as JObject)?["InputTemplate"] is JString et ? et.Value : null,
        };
    }

    private static Quickstep.Aws.AwsServiceException Missing(string member) =>
        PipesErrors.Validation($"1 validation error detected: Value null at '{member}' failed to satisfy constraint: Member must not be null");

    private static string? Str(JObject? o, string member) => o?[member] is JString s ? s.Value : null;

    private static int? Int(JObject? o, string member) => o?[member] switch
    {
        JNumber n when n.TryGetInt32(out var i) => i,
        JString s when int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var i) => i,
        _ => null,
    };
}
