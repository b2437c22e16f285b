namespace Quickstep.Storage;

/// <summary>One history event of an execution, as the JSON text GetExecutionHistory returns.</summary>
public sealed record HistoryRecord(long Id, string Json);
