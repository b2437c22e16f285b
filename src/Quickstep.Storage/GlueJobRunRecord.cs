namespace Quickstep.Storage;

/// <summary>A stored Glue job run: its id, its job, when it started (Unix milliseconds) and the JSON of its state.</summary>
public sealed record GlueJobRunRecord(string Id, string JobName, long StartedMs, string Json);
