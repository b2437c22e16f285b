namespace Quickstep.Storage.Objects;

/// <summary>The status of a put and, when it replaced an object, the file that held the old bytes (now unreferenced).</summary>
public sealed record ObjectPutOutcome(ObjectPutStatus Status, string? ReplacedFileId);
