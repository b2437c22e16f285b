using Quickstep.Aws;
using Quickstep.Aws.Signing;

namespace Quickstep.Server.Hosting;

/// <summary>
/// A failed signature check as each service reports it. AWS JSON services (Step Functions, EventBridge, …) answer
/// <c>MissingAuthenticationTokenException</c>, <c>IncompleteSignatureException</c>, <c>UnrecognizedClientException</c>,
/// <c>InvalidSignatureException</c>; SQS adds the query-protocol codes its SDKs read from <c>x-amzn-query-error</c>;
/// SNS (query) answers <c>MissingAuthenticationToken</c>, <c>IncompleteSignature</c>, <c>InvalidClientTokenId</c>,
/// <c>SignatureDoesNotMatch</c>; S3 answers <c>AccessDenied</c>, <c>AuthorizationHeaderMalformed</c>,
/// <c>InvalidAccessKeyId</c>, <c>SignatureDoesNotMatch</c>, <c>RequestTimeTooSkewed</c>
/// (https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html, https://docs.aws.amazon.com/sns/latest/api/CommonErrors.html).
/// </summary>
internal static class AwsAuthErrors
{
    public static AwsServiceException For(string service, SigV4Result result) => service switch
    {
        "s3" => S3(result),
        "sns" => Query(result),
        "sqs" => Json(result, queryCompatible: true),
        _ => Json(result, queryCompatible: false),
    };

    private static AwsServiceException Json(SigV4Result result, bool queryCompatible)
    {
        var (code, query, status) = result.Status switch
        {
            SigV4Status.Missing => ("MissingAuthenticationTokenException", "MissingAuthenticationToken", 400),
            SigV4Status.Incomplete => ("IncompleteSignatureException", "IncompleteSignature", 400),
            SigV4Status.UnknownAccessKey => ("UnrecognizedClientException", "InvalidClientTokenId", 400),
            _ => ("InvalidSignatureException", "SignatureDoesNotMatch", 400),
        };
        return new AwsServiceException(code, result.Message, status) { QueryErrorCode = queryCompatible ? query : null };
    }

    private static AwsServiceException Query(SigV4Result result)
    {
        var (code, status) = result.Status switch
        {
            SigV4Status.Missing => ("MissingAuthenticationToken", 403),
            SigV4Status.Incomplete => ("IncompleteSignature", 400),
            SigV4Status.UnknownAccessKey => ("InvalidClientTokenId", 403),
            _ => ("SignatureDoesNotMatch", 403),
        };
        return new AwsServiceException(code, result.Message, status);
    }

    private static AwsServiceException S3(SigV4Result result) => result.Status switch
    {
        SigV4Status.Missing => new("AccessDenied", "Access Denied", 403),
        SigV4Status.Incomplete => new("AuthorizationHeaderMalformed", result.Message, 400),
        SigV4Status.UnknownAccessKey => new("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.", 403),
        SigV4Status.TimeSkewed => new("RequestTimeTooSkewed", "The difference between the request time and the current time is too large.", 403),
        SigV4Status.Expired => new("AccessDenied", "Request has expired", 403),
        _ => new("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.", 403),
    };
}
