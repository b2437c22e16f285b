using Quickstep.Aws;
using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>
/// GetObject/HeadObject's If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since, evaluated as S3
/// documents (RFC 7232 precedence): a true If-Match wins over a false If-Unmodified-Since, a false
/// If-None-Match over a true If-Modified-Since.
/// </summary>
public sealed record ObjectConditions(string? IfMatch, string? IfNoneMatch, DateTimeOffset? IfModifiedSince, DateTimeOffset? IfUnmodifiedSince)
{
    public static ObjectConditions None { get; } = new(null, null, null, null);

    /// <summary>Throws 412 PreconditionFailed or 304 NotModified when a condition fails.</summary>
    public void Check(ObjectRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        // HTTP dates have whole seconds.
        var modified = DateTimeOffset.FromUnixTimeSeconds(record.LastModified.ToUnixTimeSeconds());
        if (IfMatch is not null)
        {
            if (!Matches(IfMatch, record.ETag))
                throw S3Errors.PreconditionFailed("If-Match");
        }
        else if (IfUnmodifiedSince is { } unmodified && modified > unmodified)
        {
            throw S3Errors.PreconditionFailed("If-Unmodified-Since");
        }

        if (IfNoneMatch is not null)
        {
            if (Matches(IfNoneMatch, record.ETag))
                throw NotModified();
        }
        else if (IfModifiedSince is { } since && modified <= since)
        {
            throw NotModified();
        }
    }

    private static AwsServiceException NotModified() => new("NotModified", "Not Modified", 304);

    /// <summary>A list of entity tags (quoted or not, W/ ignored) or <c>*</c>.</summary>
    private static bool Matches(string header, string etag)
    {
        var bare = etag.Trim('"');
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var tag = part.StartsWith("W/", StringComparison.Ordinal) ? part[2..] : part;
            if (tag == "*" || string.Equals(tag.Trim('"'), bare, StringComparison.Ordinal))
                return true;
        }

        return false;
    }
}
