namespace Quickstep.Storage.Objects;

/// <summary>A conditional write (If-None-Match: * or If-Match: "etag"), checked in the same transaction as the write.</summary>
public sealed record ObjectWriteCondition(bool MustNotExist, string? IfMatchETag);
