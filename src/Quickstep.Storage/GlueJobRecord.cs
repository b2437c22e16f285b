namespace Quickstep.Storage;

/// <summary>A stored Glue job: its name and the JSON of its definition (the Glue <c>Job</c> shape).</summary>
public sealed record GlueJobRecord(string Name, string Json);
