using Microsoft.AspNetCore.Http;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Tells which AWS service a request on the one shared port is for, by the signing name every AWS SDK puts
/// in its Signature Version 4 credential scope (<c>Credential=AKID/20261204/us-east-1/sqs/aws4_request</c>,
/// in the Authorization header or, for presigned URLs, the <c>X-Amz-Credential</c> query parameter).
/// Unsigned requests fall back to what the protocol shows: the <c>X-Amz-Target</c> prefix (AWS JSON),
/// then <c>Action=</c> of a form post (query protocol), then the path (REST services).
/// </summary>
internal static class AwsServiceResolver
{
    /// <summary>Signing names: <c>states</c>, <c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>, <c>lambda</c>, <c>glue</c>, <c>scheduler</c>, <c>pipes</c>.</summary>
    public static string? Resolve(HttpRequest request)
    {
        var target = request.Headers["X-Amz-Target"].ToString();
        // The hot path (Step Functions' own API) decides on the header alone.
        if (target.StartsWith("AWSStepFunctions.", StringComparison.Ordinal))
            return "states";
        if (FromCredential(request.Headers.Authorization.ToString()) is { } signed)
            return signed;
        if (request.Query.TryGetValue("X-Amz-Credential", out var credential) && FromScope(credential.ToString()) is { } presigned)
            return presigned;
        // Signature Version 2 (a presigned URL's AWSAccessKeyId/Signature, or "Authorization: AWS AKID:sig") is S3's alone.
        if (request.Query.ContainsKey("AWSAccessKeyId") || request.Headers.Authorization.ToString().StartsWith("AWS ", StringComparison.Ordinal))
            return "s3";
        if (target.Length > 0)
        {
            var prefix = target.AsSpan(0, Math.Max(0, target.IndexOf('.', StringComparison.Ordinal)));
            return prefix switch
            {
                "AmazonSQS" => "sqs",
                "AWSEvents" => "events",
                "AWSGlue" => "glue",
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The service of <c>AWS4-HMAC-SHA256 Credential=AKID/DATE/REGION/SERVICE/aws4_request, …</c>.</summary>
    internal static string? FromCredential(string authorization)
    {
        const string marker = "Credential=";
        var at = authorization.IndexOf(marker, StringComparison.Ordinal);
        if (at < 0)
            return null;
        var start = at + marker.Length;
        var end = authorization.IndexOf(',', start);
        return FromScope(end < 0 ? authorization[start..] : authorization[start..end]);
    }

    private static string? FromScope(string credential)
    {
        // AKID/DATE/REGION/SERVICE/aws4_request
        var parts = credential.Trim().Split('/');
        return parts.Length == 5 && parts[4] == "aws4_request" && parts[3].Length > 0 ? parts[3] : null;
    }
}
