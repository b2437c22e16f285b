using Quickstep.Json;

namespace Quickstep.Services.Glue;

/// <summary>One job run: what GetJobRun answers (Glue's <c>JobRun</c> shape). Mutated only under the service's lock.</summary>
internal sealed class GlueJobRun
{
    public required string Id { get; init; }

    public required string JobName { get; init; }

    public int Attempt { get; init; }

    public string? PreviousRunId { get; init; }

    public required DateTimeOffset StartedOn { get; init; }

    public DateTimeOffset LastModifiedOn { get; set; }

    public DateTimeOffset? CompletedOn { get; set; }

    public required string State { get; set; }

    /// <summary>The run's own Arguments (as StartJobRun gave them; the job's defaults are not repeated here, as in Glue).</summary>
    public required JObject Arguments { get; init; }

    public string? ErrorMessage { get; set; }

    public int ExecutionTime { get; set; }

    /// <summary>Minutes.</summary>
    public required int Timeout { get; init; }

    /// <summary>Members copied from the request or the job: MaxCapacity, WorkerType, NumberOfWorkers, GlueVersion, ….</summary>
    public required JObject Settings { get; init; }

    public JObject ToJson()
    {
        var b = new JObjectBuilder(20)
            .Set("Id", JString.Create(Id))
            .Set("Attempt", JNumber.Create(Attempt));
        if (PreviousRunId is not null)
            b.Set("PreviousRunId", JString.Create(PreviousRunId));
        b.Set("JobName", JString.Create(JobName))
            .Set("JobMode", JString.Create("SCRIPT"))
            .Set("StartedOn", GlueService.Epoch(StartedOn))
            .Set("LastModifiedOn", GlueService.Epoch(LastModifiedOn));
        if (CompletedOn is { } completed)
            b.Set("CompletedOn", GlueService.Epoch(completed));
        b.Set("JobRunState", JString.Create(State));
        if (Arguments.Count > 0)
            b.Set("Arguments", Arguments);
        if (ErrorMessage is not null)
            b.Set("ErrorMessage", JString.Create(ErrorMessage));
        b.Set("PredecessorRuns", JArray.Empty)
            .Set("ExecutionTime", JNumber.Create(ExecutionTime))
            .Set("Timeout", JNumber.Create(Timeout));
        foreach (var (k, v) in Settings)
            b.Set(k, v);
        return b.Build();
    }

    public static GlueJobRun FromJson(JObject o)
    {
        var settings = new JObjectBuilder(8);
        foreach (var (k, v) in o)
        {
            if (k is not ("Id" or "Attempt" or "PreviousRunId" or "JobName" or "JobMode" or "StartedOn" or "LastModifiedOn" or "CompletedOn"
                or "JobRunState" or "Arguments" or "ErrorMessage" or "PredecessorRuns" or "ExecutionTime" or "Timeout"))
                settings.Set(k, v);
        }

        return new GlueJobRun
        {
            Id = Str(o, "Id")!,
            JobName = Str(o, "JobName")!,
            Attempt = Int(o, "Attempt"),
            PreviousRunId = Str(o, "PreviousRunId"),
            StartedOn = GlueService.FromEpoch(o["StartedOn"]),
            LastModifiedOn = GlueService.FromEpoch(o["LastModifiedOn"]),
            CompletedOn = o["CompletedOn"] is JNumber ? GlueService.FromEpoch(o["CompletedOn"]) : null,
            State = Str(o, "JobRunState")!,
            Arguments = o["Arguments"] as JObject ?? JObject.Empty,
            ErrorMessage = Str(o, "ErrorMessage"),
            ExecutionTime = Int(o, "ExecutionTime"),
            Timeout = Int(o, "Timeout"),
            Settings = settings.Build(),
        };
    }

    private static string? Str(JObject o, string k) => (o[k] as JString)?.Value;

    private static int Int(JObject o, string k) => o[k] is JNumber n && n.TryGetInt32(out var v) ? v : 0;
}
