using System.Globalization;
using System.Text;
using Quickstep.Engine.Ports;

namespace Quickstep.Engine.Plan;

/// <summary>
/// A Distributed Map's ResultWriter (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html).
/// WriterConfig formats the child executions' results (Transformation NONE: each child's metadata with its input and
/// output as JSON text; COMPACT: the outputs; FLATTEN: the outputs with arrays spliced; a failed child stays in the NONE
/// form) as a JSON array or JSON Lines. With Resource (<c>arn:aws:states:::s3:putObject</c>) and a Bucket/Prefix the
/// results go to <c>Prefix/MAP-RUN-ID/</c> as SUCCEEDED_n.json, FAILED_n.json and PENDING_n.json (a new file past
/// <see cref="EngineOptions.ResultFileMaxBytes"/>) and a manifest.json naming them, and the state's result is
/// <c>{"MapRunArn", "ResultWriterDetails": {"Bucket", "Key"}}</c>; without Resource the formatted array is the result.
/// Writing goes through the Task handler that serves the resource; a failure is States.ResultWriterFailed.
/// </summary>
internal sealed class CompiledResultWriter
{
    private const string PutObject = "arn:aws:states:::s3:putObject";

    private readonly MapIoResource _call;
    private readonly string _transformation;
    private readonly bool _jsonLines;

    public CompiledResultWriter(JObject writer, IReadOnlyList<IResourceHandler> handlers, bool jsonata, ExpressionTable expressions)
    {
        _call = new MapIoResource(writer, handlers, jsonata, expressions);
        var config = writer["WriterConfig"] as JObject;
        // NONE is the default when exporting to S3, COMPACT otherwise (the page above).
        _transformation = (config?["Transformation"] as JString)?.Value ?? (_call.Resource is null ? "COMPACT" : "NONE");
        _jsonLines = (config?["OutputType"] as JString)?.Value == "JSONL";
    }

    /// <summary>The Map's result: the S3 export's details, or the formatted results when nothing is exported.</summary>
    public ValueTask<Evaluated> FinishAsync(Execution x, string stateName, EvaluationScope scope, string mapRunArn, string childPrefix, MapChildRun[] children) =>
        MapIoException.CaughtAsync(FinishOrThrowAsync(x, stateName, scope, mapRunArn, childPrefix, children));

    private async ValueTask<Evaluated> FinishOrThrowAsync(Execution x, string stateName, EvaluationScope scope, string mapRunArn, string childPrefix, MapChildRun[] children)
    {
        var childStateMachineArn = $"arn:aws:states:{x.Engine.Options.Region}:{x.Engine.Options.AccountId}:stateMachine:{childPrefix}";
        var childExecutionPrefix = $"arn:aws:states:{x.Engine.Options.Region}:{x.Engine.Options.AccountId}:execution:{childPrefix}:";
        var succeeded = new List<JValue>();
        var failed = new List<JValue>();
        var pending = new List<JValue>();
        var all = new List<JValue>();
        foreach (var child in children)
        {
            if (!child.Started)
            {
                pending.Add(Pending(child));
                continue;
            }

            var record = Record(x, child, childStateMachineArn, childExecutionPrefix);
            if (child.Output is { } output)
            {
                var start = all.Count;
                switch (_transformation)
                {
                    case "COMPACT":
                        all.Add(output);
                        break;
                    case "FLATTEN" when output is JArray array:
                        all.AddRange(array);
                        break;
                    case "FLATTEN":
                        all.Add(output);
                        break;
                    default:
                        all.Add(record);
                        break;
                }

                for (var i = start; i < all.Count; i++)
                    succeeded.Add(all[i]);
            }
            else
            {
                // A failed child is reported unchanged, whatever the Transformation (the page above, Note).
                all.Add(record);
                failed.Add(record);
            }
        }

        if (_call.Resource is null)
            return JArray.Own([.. all]);
        return await ExportAsync(x, stateName, scope, mapRunArn, succeeded, failed, pending).ConfigureAwait(false);
    }

    private async ValueTask<JValue> ExportAsync(Execution x, string stateName, EvaluationScope scope, string mapRunArn, List<JValue> succeeded, List<JValue> failed, List<JValue> pending)
    {
        if (_call.Handler is null)
            throw Failed($"No S3 is available to write the Map Run's results ('{_call.Resource}'): run the workflow on the server (`quickstep serve`), whose built-in S3 serves ResultWriter, or configure an S3 endpoint.");
        var evaluated = _call.Parameters(scope, JValue.Null);
        if (evaluated.Failed)
            throw new MapIoException(evaluated.Error);
        var parameters = evaluated.Value as JObject
            ?? throw Failed("The ResultWriter's parameters must be an object with Bucket and Prefix.");
        var bucket = parameters["Bucket"] is JString b && b.Value.Length > 0 ? b.Value : throw Failed("The ResultWriter's parameters must name a Bucket (a string).");
        var prefix = parameters["Prefix"] switch
        {
            null or JNull => string.Empty,
            JString p => p.Value,
            _ => throw Failed("The ResultWriter's Prefix must be a string."),
        };
        var runId = mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..];
        var folder = prefix.Length == 0 ? runId : prefix.EndsWith('/') ? prefix + runId : prefix + "/" + runId;

        var files = new JObjectBuilder(3);
        foreach (var (status, records) in new[] { ("FAILED", failed), ("PENDING", pending), ("SUCCEEDED", succeeded) })
        {
            var entries = new List<JValue>();
            foreach (var body in Split(records, x.Engine.Options.ResultFileMaxBytes))
            {
                var key = string.Create(CultureInfo.InvariantCulture, $"{folder}/{status}_{entries.Count}.json");
                await PutAsync(x, stateName, bucket, key, body).ConfigureAwait(false);
                entries.Add(new JObjectBuilder(2).AddUnique("Key", JValue.FromString(key)).AddUnique("Size", JValue.FromNumber(Encoding.UTF8.GetByteCount(body))).Build());
            }

            files.AddUnique(status, JArray.Own([.. entries]));
        }

        // The manifest goes last: whoever finds it finds every file it names.
        var manifestKey = folder + "/manifest.json";
        var manifest = new JObjectBuilder(3)
            .AddUnique("DestinationBucket", JValue.FromString(bucket))
            .AddUnique("MapRunArn", JValue.FromString(mapRunArn))
            .AddUnique("ResultFiles", files.Build())
            .Build();
        await PutAsync(x, stateName, bucket, manifestKey, manifest.ToString()).ConfigureAwait(false);
        return new JObjectBuilder(2)
            .AddUnique("MapRunArn", JValue.FromString(mapRunArn))
            .AddUnique("ResultWriterDetails", new JObjectBuilder(2).AddUnique("Bucket", JValue.FromString(bucket)).AddUnique("Key", JValue.FromString(manifestKey)).Build())
            .Build();
    }

    /// <summary>The records as file bodies of at most <paramref name="maxBytes"/> each (a single larger record gets a file of its own).</summary>
    private IEnumerable<string> Split(List<JValue> records, long maxBytes)
    {
        if (records.Count == 0)
            yield break;
        var sb = new StringBuilder();
        long size = 0;
        var count = 0;
        foreach (var record in records)
        {
            var text = record.ToString();
            var bytes = Encoding.UTF8.GetByteCount(text) + 1;
            if (count > 0 && size + bytes + 1 > maxBytes)
            {
                yield return Close(sb);
                sb.Clear();
                size = 0;
                count = 0;
            }

            if (_jsonLines)
            {
                sb.Append(text).Append('\n');
            }
            else
            {
                sb.Append(count == 0 ? '[' : ',').Append(text);
            }

            size += bytes;
            count++;
        }

        yield return Close(sb);
    }

    private string Close(StringBuilder sb) => _jsonLines ? sb.ToString() : sb.Append(']').ToString();

    private async ValueTask PutAsync(Execution x, string stateName, string bucket, string key, string body)
    {
        var parameters = new JObjectBuilder(4)
            .AddUnique("Bucket", JValue.FromString(bucket))
            .AddUnique("Key", JValue.FromString(key))
            .AddUnique("Body", JValue.FromString(body))
            .AddUnique("ContentType", JValue.FromString(_jsonLines ? "application/jsonl" : "application/json"))
            .Build();
        var result = await _call.CallAsync(x, stateName, PutObject, parameters).ConfigureAwait(false);
        if (result.Error is { } error)
            throw Failed($"Writing s3://{bucket}/{key} failed: {error.Error}: {error.Cause}");
    }

    /// <summary>A child execution as the NONE transformation reports it (the members in AWS's order).</summary>
    private static JObject Record(Execution x, MapChildRun child, string stateMachineArn, string executionPrefix)
    {
        var name = x.Services.NewGuid().ToString();
        var b = new JObjectBuilder(14);
        var status = child.Output is not null ? "SUCCEEDED"
            : child.Aborted ? "ABORTED"
            : child.Error!.Error == StatesErrors.Timeout ? "TIMED_OUT"
            : "FAILED";
        if (child.Error is { } error)
        {
            if (error.Cause is not null)
                b.AddUnique("Cause", JValue.FromString(error.Cause));
            b.AddUnique("Error", JValue.FromString(error.Error));
        }

        b.AddUnique("ExecutionArn", JValue.FromString(executionPrefix + name))
            .AddUnique("Input", JValue.FromString(child.Input.ToString()))
            .AddUnique("InputDetails", Included)
            .AddUnique("Name", JValue.FromString(name));
        if (child.Output is { } output)
            b.AddUnique("Output", JValue.FromString(output.ToString()));
        b.AddUnique("OutputDetails", Included)
            .AddUnique("RedriveCount", JNumber.Zero)
            .AddUnique("RedriveStatus", JValue.FromString(status == "SUCCEEDED" ? "NOT_REDRIVABLE" : "REDRIVABLE_BY_MAP_RUN"));
        if (status == "SUCCEEDED")
            b.AddUnique("RedriveStatusReason", JValue.FromString("Execution is SUCCEEDED and cannot be redriven"));
        return b.AddUnique("StartDate", JValue.FromString(Timestamp(child.StartDate)))
            .AddUnique("StateMachineArn", JValue.FromString(stateMachineArn))
            .AddUnique("Status", JValue.FromString(status))
            .AddUnique("StopDate", JValue.FromString(Timestamp(child.StopDate)))
            .Build();
    }

    /// <summary>A child that never started because the Map Run failed: its input only.</summary>
    private static JObject Pending(MapChildRun child) => new JObjectBuilder(3)
        .AddUnique("Input", JValue.FromString(child.Input.ToString()))
        .AddUnique("InputDetails", Included)
        .AddUnique("Status", JValue.FromString("PENDING"))
        .Build();

    private static JObject Included => new JObjectBuilder(1).AddUnique("Included", JValue.True).Build();

    private static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static MapIoException Failed(string cause) => new(new StatesError(StatesErrors.ResultWriterFailed, cause));
}
