namespace Quickstep.Storage.Objects;

/// <summary>What <see cref="IObjectStore.PutObjectAsync"/> did.</summary>
public enum ObjectPutStatus
{
    Stored,
    NoSuchBucket,
    PreconditionFailed,
    /// <summary>If-Match was given and there is no such object.</summary>
    NoSuchKey,
}
