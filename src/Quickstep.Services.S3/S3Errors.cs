using Quickstep.Aws;

namespace Quickstep.Services.S3;

/// <summary>
/// S3's errors with its codes, messages and statuses. Extra elements of S3's error document
/// (<c>&lt;BucketName&gt;</c>, <c>&lt;Key&gt;</c>, …) ride in <see cref="Exception.Data"/>, in order, for the REST-XML adapter.
/// </summary>
public static class S3Errors
{
    public static AwsServiceException NoSuchBucket(string bucket) =>
        With(new("NoSuchBucket", "The specified bucket does not exist", 404), ("BucketName", bucket));

    public static AwsServiceException NoSuchKey(string key) =>
        With(new("NoSuchKey", "The specified key does not exist.", 404), ("Key", key));

    public static AwsServiceException BucketAlreadyOwnedByYou(string bucket) =>
        With(new("BucketAlreadyOwnedByYou", "Your previous request to create the named bucket succeeded and you already own it.", 409), ("BucketName", bucket));

    public static AwsServiceException BucketNotEmpty(string bucket) =>
        With(new("BucketNotEmpty", "The bucket you tried to delete is not empty", 409), ("BucketName", bucket));

    public static AwsServiceException InvalidBucketName(string bucket) =>
        With(new("InvalidBucketName", "The specified bucket is not valid.", 400), ("BucketName", bucket));

    public static AwsServiceException KeyTooLong(int size) =>
        With(new("KeyTooLongError", "Your key is too long", 400), ("Size", size.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("MaxSizeAllowed", "1024"));

    public static AwsServiceException InvalidRange(string range, long size) =>
        With(new("InvalidRange", "The requested range is not satisfiable", 416), ("RangeRequested", range), ("ActualObjectSize", size.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static AwsServiceException PreconditionFailed(string condition) =>
        With(new("PreconditionFailed", "At least one of the pre-conditions you specified did not hold", 412), ("Condition", condition));

    public static AwsServiceException InvalidDigest(string contentMd5) =>
        With(new("InvalidDigest", "The Content-MD5 you specified was invalid.", 400), ("Content-MD5", contentMd5));

    public static AwsServiceException BadDigest(string expectedMd5, string calculatedMd5) =>
        With(new("BadDigest", "The Content-MD5 you specified did not match what we received.", 400), ("ExpectedDigest", expectedMd5), ("CalculatedDigest", calculatedMd5));

    public static AwsServiceException BadChecksum(string algorithm) =>
        new("BadDigest", $"The {algorithm} you specified did not match the calculated checksum.", 400);

    public static AwsServiceException InvalidChecksum(string algorithm) =>
        new("InvalidRequest", $"Value for {Checksums.ChecksumAlgorithms.HeaderName(algorithm)} header is invalid.", 400);

    public static AwsServiceException IncompleteBody() =>
        new("IncompleteBody", "You did not provide the number of bytes specified by the Content-Length HTTP header", 400);

    public static AwsServiceException InvalidArgument(string message, string name, string? value) =>
        With(new("InvalidArgument", message, 400), ("ArgumentName", name), ("ArgumentValue", value ?? string.Empty));

    public static AwsServiceException InvalidRequest(string message) => new("InvalidRequest", message, 400);

    public static AwsServiceException MalformedXml() =>
        new("MalformedXML", "The XML you provided was not well-formed or did not validate against our published schema", 400);

    public static AwsServiceException NotImplemented(string what) =>
        new("NotImplemented", $"A header you provided implies functionality that is not implemented: {what}", 501, senderFault: false);

    /// <summary>The extra elements of <paramref name="error"/>'s XML document.</summary>
    public static IEnumerable<(string Name, string Value)> Details(AwsServiceException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        if (error.Data["S3Details"] is (string, string)[] details)
            return details;
        return [];
    }

    private static AwsServiceException With(AwsServiceException error, params (string Name, string Value)[] details)
    {
        error.Data["S3Details"] = details;
        return error;
    }
}
