namespace Quickstep.Aws.Signing;

/// <summary>What checking a request's signature found; each service names the failures its own way.</summary>
public enum SigV4Status
{
    Valid,

    /// <summary>Neither an Authorization header nor a presigned query.</summary>
    Missing,

    /// <summary>An Authorization header or presigned query that lacks a part or is malformed.</summary>
    Incomplete,

    /// <summary>The access key id is not one the server knows.</summary>
    UnknownAccessKey,

    /// <summary>The signature differs from the one computed with the key's secret.</summary>
    SignatureMismatch,

    /// <summary>The request time is more than 15 minutes from the server's.</summary>
    TimeSkewed,

    /// <summary>A presigned URL past its X-Amz-Expires.</summary>
    Expired,
}
