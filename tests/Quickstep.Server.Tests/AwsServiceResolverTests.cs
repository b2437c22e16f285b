using Microsoft.AspNetCore.Http;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests;

public sealed class AwsServiceResolverTests
{
    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/sqs/aws4_request, SignedHeaders=host, Signature=abc", null, "sqs")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=abc", null, "s3")]
    [InlineData("", "AWSStepFunctions.StartExecution", "states")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/sns/aws4_request, SignedHeaders=host, Signature=abc", "AWSStepFunctions.StartExecution", "states")]
    [InlineData("", "AmazonSQS.SendMessage", "sqs")]
    [InlineData("", "AWSEvents.PutEvents", "events")]
    [InlineData("", "Unknown.Op", null)]
    [InlineData("Basic Zm9vOmJhcg==", null, null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKID/20261204/us-east-1/sqs, SignedHeaders=host", null, null)]
    public void Resolve_SigningNameOrProtocol_Service(string authorization, string? target, string? expected)
    {
        var http = new DefaultHttpContext();
        if (authorization.Length > 0)
            http.Request.Headers.Authorization = authorization;
        if (target is not null)
            http.Request.Headers["X-Amz-Target"] = target;
        Assert.Equal(expected, AwsServiceResolver.Resolve(http.Request));
    }

    [Fact]
    public void Resolve_PresignedUrl_ServiceFromQuery()
    {
        var http = new DefaultHttpContext();
        http.Request.QueryString = new QueryString("?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKID%2F20261204%2Fus-east-1%2Fs3%2Faws4_request");
        Assert.Equal("s3", AwsServiceResolver.Resolve(http.Request));
    }
}
