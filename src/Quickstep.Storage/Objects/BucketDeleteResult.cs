namespace Quickstep.Storage.Objects;

/// <summary>What <see cref="IObjectStore.DeleteBucketAsync"/> found.</summary>
public enum BucketDeleteResult
{
    Deleted,
    NoSuchBucket,
    NotEmpty,
}
