using System.Net.Http.Headers;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Aws.Signing;

namespace Quickstep.Aws.Tests.Signing;

/// <summary>
/// Vectors from AWS's SigV4 test suite (get-vanilla, get-vanilla-query-order-key-case), the S3 API reference's
/// examples (GET with Range, presigned URL), and botocore 1.43's signer for the SQS and S3 PUT cases.
/// </summary>
public sealed class SigV4Tests
{
    private static readonly AwsCredentials Suite = new("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY");
    private static readonly AwsCredentials S3Docs = new("AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    private static readonly DateTimeOffset SuiteTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset S3DocsTime = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Sign_GetVanilla_MatchesTestSuite()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], Suite, "us-east-1", "service", SuiteTime);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31",
            Authorization(request));
        Assert.Equal("20150830T123600Z", request.Headers.GetValues("x-amz-date").Single());
    }

    [Fact]
    public void Sign_QueryOrder_SortsParameters()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/?Param2=value2&Param1=value1");
        SigV4Signer.Sign(request, [], Suite, "us-east-1", "service", SuiteTime);
        Assert.EndsWith("Signature=b97d918cfa904a5beff61c982a1b6f458b799221646efd99d3219ec94cdf2500", Authorization(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_AwsJsonPost_SignsContentTypeAndTarget()
    {
        var body = "{\"QueueName\":\"q\"}"u8.ToArray();
        using var request = JsonPost("https://sqs.us-east-1.amazonaws.com/", body, "AmazonSQS.CreateQueue");
        SigV4Signer.Sign(request, body, Suite, "us-east-1", "sqs", SuiteTime);
        Assert.Equal(
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/sqs/aws4_request, SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=066a384d828193397fc6358bb81ec6ecfa8b60c4a64d9fe655e7f5d5a40d25f2",
            Authorization(request));
        Assert.False(request.Headers.Contains("x-amz-content-sha256"));
    }

    [Fact]
    public void Sign_S3Put_AddsContentSha256AndEncodesPathOnce()
    {
        var body = "hello"u8.ToArray();
        using var request = new HttpRequestMessage(HttpMethod.Put, "https://s3.amazonaws.com/bucket/my%20key/a~b.txt");
        SigV4Signer.Sign(request, body, Suite, "us-east-1", "s3", SuiteTime);
        Assert.Equal("2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", request.Headers.GetValues("x-amz-content-sha256").Single());
        Assert.EndsWith("SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=8e112ddfb22aa1a321508184718fbb3f690841364cb7f8325cd450ec5ac2cb63", Authorization(request), StringComparison.Ordinal);
    }

    [Fact]
    public void Sign_SessionToken_IsSentAndSigned()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], Suite with { SessionToken = "token/1" }, "us-east-1", "service", SuiteTime);
        Assert.Equal("token/1", request.Headers.GetValues("x-amz-security-token").Single());
        Assert.Contains("SignedHeaders=host;x-amz-date;x-amz-security-token,", Authorization(request), StringComparison.Ordinal);
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.Valid, result.Status);
    }

    [Fact]
    public void Verify_SignedRequest_IsValidAndNamesScope()
    {
        var body = "{\"QueueName\":\"q\"}"u8.ToArray();
        using var request = JsonPost("http://127.0.0.1:8083/", body, "AmazonSQS.CreateQueue");
        SigV4Signer.Sign(request, body, Suite, "eu-west-1", "sqs", SuiteTime);
        var result = Verifier(SuiteTime.AddMinutes(14), Suite).Verify(View(request), SigV4.Sha256Hex(body));
        Assert.Equal(SigV4Status.Valid, result.Status);
        Assert.Equal(("AKIDEXAMPLE", "eu-west-1", "sqs"), (result.AccessKeyId, result.Region, result.Service));
    }

    [Fact]
    public void Verify_WrongSecret_IsSignatureMismatch()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], Suite with { SecretAccessKey = "wrong" }, "us-east-1", "service", SuiteTime);
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.SignatureMismatch, result.Status);
        Assert.StartsWith("The request signature we calculated does not match", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_ChangedBody_IsSignatureMismatch()
    {
        var body = "{\"QueueName\":\"q\"}"u8.ToArray();
        using var request = JsonPost("http://127.0.0.1:8083/", body, "AmazonSQS.CreateQueue");
        SigV4Signer.Sign(request, body, Suite, "us-east-1", "sqs", SuiteTime);
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.Sha256Hex("{\"QueueName\":\"other\"}"u8));
        Assert.Equal(SigV4Status.SignatureMismatch, result.Status);
    }

    [Fact]
    public void Verify_UnknownKey_IsUnknownAccessKey()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], Suite with { AccessKeyId = "AKIDOTHER" }, "us-east-1", "service", SuiteTime);
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.UnknownAccessKey, result.Status);
        Assert.Equal("AKIDOTHER", result.AccessKeyId);
    }

    [Theory]
    [InlineData(16, "Signature expired: 20150830T123600Z is now earlier than 20150830T123700Z (20150830T125200Z - 15 min.)")]
    [InlineData(-16, "Signature not yet current: 20150830T123600Z is still later than 20150830T123500Z (20150830T122000Z + 15 min.)")]
    public void Verify_MoreThanFifteenMinutesOff_IsTimeSkewed(int minutes, string message)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        SigV4Signer.Sign(request, [], Suite, "us-east-1", "service", SuiteTime);
        var result = Verifier(SuiteTime.AddMinutes(minutes), Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.TimeSkewed, result.Status);
        Assert.Equal(message, result.Message);
    }

    [Fact]
    public void Verify_NoAuthorization_IsMissing()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        Assert.Equal(SigV4Status.Missing, Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash).Status);
    }

    [Fact]
    public void Verify_AuthorizationWithoutSignature_IsIncomplete()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        request.Headers.TryAddWithoutValidation("x-amz-date", "20150830T123600Z");
        request.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request, SignedHeaders=host;x-amz-date");
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.Incomplete, result.Status);
        Assert.Contains("'Signature'", result.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_AuthorizationWithoutSeveralParts_NamesEachInOrder()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://example.amazonaws.com/");
        const string authorization = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request";
        request.Headers.TryAddWithoutValidation("Authorization", authorization);
        var result = Verifier(SuiteTime, Suite).Verify(View(request), SigV4.EmptyPayloadHash);
        Assert.Equal(SigV4Status.Incomplete, result.Status);
        Assert.Equal("Authorization header requires 'SignedHeaders', 'Signature', 'X-Amz-Date' parameters. Authorization=" + authorization, result.Message);
    }

    [Fact]
    public void Verify_PresignedWithoutSeveralParameters_NamesEachInOrder()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=aeeed9bb");
        var result = Verifier(S3DocsTime, S3Docs).Verify(View(request), SigV4.UnsignedPayload);
        Assert.Equal(SigV4Status.Incomplete, result.Status);
        Assert.Equal("Query-string authentication version 4 requires the X-Amz-SignedHeaders, X-Amz-Date parameters.", result.Message);
    }

    /// <summary>The S3 API reference's "GET Object" example, signed with a Range header.</summary>
    [Fact]
    public void Verify_S3GetObjectExample_IsValid()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://examplebucket.s3.amazonaws.com/test.txt");
        request.Headers.TryAddWithoutValidation("Range", "bytes=0-9");
        request.Headers.TryAddWithoutValidation("x-amz-content-sha256", SigV4.EmptyPayloadHash);
        request.Headers.TryAddWithoutValidation("x-amz-date", "20130524T000000Z");
        request.Headers.TryAddWithoutValidation("Authorization",
            "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        Assert.Equal(SigV4Status.Valid, Verifier(S3DocsTime, S3Docs).Verify(View(request), SigV4.EmptyPayloadHash).Status);
    }

    /// <summary>The S3 API reference's presigned URL example (X-Amz-Expires=86400, UNSIGNED-PAYLOAD).</summary>
    [Theory]
    [InlineData(60, SigV4Status.Valid)]
    [InlineData(60 * 24 + 1, SigV4Status.Expired)]
    public void Verify_S3PresignedExample_IsValidUntilItExpires(int minutesLater, SigV4Status status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get,
            "https://examplebucket.s3.amazonaws.com/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404");
        var view = View(request);
        Assert.True(SigV4Verifier.IsPresigned(view));
        Assert.Equal(status, Verifier(S3DocsTime.AddMinutes(minutesLater), S3Docs).Verify(view, SigV4.UnsignedPayload).Status);
    }

    [Fact]
    public void UriEncode_EncodesReservedAndKeepsUnreserved()
    {
        Assert.Equal("a%20b%2Fc-_.~%C3%A9", SigV4.UriEncode("a b/c-_.~é"));
        Assert.Equal("a%20b/c", SigV4.UriEncode("a b/c", encodeSlash: false));
    }

    private static SigV4Verifier Verifier(DateTimeOffset now, AwsCredentials known)
    {
        var time = new FakeTimeProvider(now);
        return new SigV4Verifier(id => id == known.AccessKeyId ? known : null, time);
    }

    private static HttpRequestMessage JsonPost(string url, byte[] body, string target)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-amz-json-1.0");
        request.Headers.TryAddWithoutValidation("X-Amz-Target", target);
        return request;
    }

    private static string Authorization(HttpRequestMessage request) => request.Headers.GetValues("Authorization").Single();

    /// <summary>The request as a server receives it: Host from the URI, headers by lower-case name.</summary>
    private static SigV4Request View(HttpRequestMessage request)
    {
        var uri = request.RequestUri!;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = request.Headers.Host ?? (uri.IsDefaultPort ? uri.Host : $"{uri.Host}:{uri.Port}"),
        };
        foreach (var (name, values) in request.Headers)
            headers[name] = string.Join(',', values);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
                headers[name] = string.Join(',', values);
        }

        var raw = uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        return new SigV4Request(request.Method.Method, raw, uri.Query.TrimStart('?'), name => headers.TryGetValue(name, out var v) ? v : null);
    }

}
