namespace Quickstep.Storage;

/// <summary>A stored queue: its attributes and tags as JSON objects of strings; dates are Unix milliseconds.</summary>
public sealed record MessageQueueRecord(string Name, string AttributesJson, string TagsJson, long CreatedMs, long ModifiedMs);
