using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>Settings of the S3 service.</summary>
public sealed class S3ServiceOptions
{
    /// <summary>The folder of the node's S3 files (bucket notification documents; object bytes unless <see cref="Bodies"/> is set). Required; the server uses <c>s3</c> beside its database.</summary>
    public required string RootDirectory { get; init; }

    /// <summary>Where object and part bytes are kept. Default files under <see cref="RootDirectory"/>; the server chooses it with its store.</summary>
    public IObjectBodyStore? Bodies { get; init; }

    /// <summary>Region of new buckets. Default us-east-1.</summary>
    public string Region { get; init; } = "us-east-1";

    /// <summary>Clock for LastModified and CreationDate. Default the system clock.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Largest object one PutObject stores, in bytes. Default 5 GiB, as S3.</summary>
    public long MaxObjectSize { get; init; } = 5L * 1024 * 1024 * 1024;
}
