using System.Net;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Aws;
using Quickstep.Aws.Signing;
using Quickstep.Integrations.Forwarding;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Forwarding;

public sealed class ForwarderTests
{
    private static readonly AwsCredentials Key = new("AKIDFORWARD", "secret-forward");
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private static readonly ForwardingEndpoint Target = new(new Uri("http://127.0.0.1:4566"), "eu-west-1", Key);

    [Fact]
    public async Task AwsJson_SendsSignedTargetedPostAndReturnsOutput()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.OK, """{"MessageId":"m"}""", "application/x-amz-json-1.0"));
        using var http = new HttpClient(handler);
        var sqs = ForwardingServices.Create("sqs", Target, http, new FakeTimeProvider(Now))!;

        var output = await sqs.InvokeAsync("SendMessage", (JObject)JsonText.Parse("""{"QueueUrl":"q","MessageBody":"b"}"""));

        Assert.Equal("""{"MessageId":"m"}""", JsonText.Serialize(output));
        var (request, body) = Assert.Single(handler.Requests);
        Assert.Equal("AmazonSQS.SendMessage", request.Headers.GetValues("X-Amz-Target").Single());
        Assert.Equal("application/x-amz-json-1.0", request.Content!.Headers.ContentType!.MediaType);
        Assert.Equal("""{"QueueUrl":"q","MessageBody":"b"}""", Encoding.UTF8.GetString(body));
        Assert.Equal(SigV4Status.Valid, Verify(request, body, SigV4.Sha256Hex(body)).Status);
        Assert.Contains("/eu-west-1/sqs/aws4_request", request.Headers.GetValues("Authorization").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AwsJson_ErrorBecomesServiceExceptionWithQueryCode()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.BadRequest,
            """{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}""", "application/x-amz-json-1.0",
            ("x-amzn-query-error", "AWS.SimpleQueueService.NonExistentQueue;Sender")));
        using var http = new HttpClient(handler);
        var sqs = ForwardingServices.Create("sqs", Target, http)!;

        var e = await Assert.ThrowsAsync<AwsServiceException>(async () => await sqs.InvokeAsync("GetQueueUrl", JObject.Empty));

        Assert.Equal(("QueueDoesNotExist", "The specified queue does not exist.", 400, "AWS.SimpleQueueService.NonExistentQueue", true),
            (e.Code, e.Message, e.StatusCode, e.QueryErrorCode, e.SenderFault));
    }

    [Fact]
    public void Query_Form_FlattensListsStructuresAndSnsMaps()
    {
        var input = (JObject)JsonText.Parse("""
            {"TopicArn":"arn:t","Message":"hi there","MessageAttributes":{"color":{"DataType":"String","StringValue":"red"}},
             "Attributes":{"RawMessageDelivery":"true"},"Tags":[{"Key":"k","Value":"v"}],"Flag":true,"Count":3}
            """);

        var form = QueryForwarder.Form("Publish", "2010-03-31", input);

        Assert.Equal(
            "Action=Publish&Version=2010-03-31&TopicArn=arn%3At&Message=hi%20there"
            + "&MessageAttributes.entry.1.Name=color&MessageAttributes.entry.1.Value.DataType=String&MessageAttributes.entry.1.Value.StringValue=red"
            + "&Attributes.entry.1.key=RawMessageDelivery&Attributes.entry.1.value=true"
            + "&Tags.member.1.Key=k&Tags.member.1.Value=v&Flag=true&Count=3",
            form);
    }

    [Fact]
    public async Task Query_ParsesResultListsAndMaps()
    {
        const string Xml = """
            <ListTopicsResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <ListTopicsResult>
                <Topics><member><TopicArn>arn:a</TopicArn></member><member><TopicArn>arn:b</TopicArn></member></Topics>
                <Attributes><entry><key>Policy</key><value>{}</value></entry></Attributes>
                <NextToken>n</NextToken>
              </ListTopicsResult>
              <ResponseMetadata><RequestId>r</RequestId></ResponseMetadata>
            </ListTopicsResponse>
            """;
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.OK, Xml, "text/xml"));
        using var http = new HttpClient(handler);
        var sns = ForwardingServices.Create("sns", Target, http, new FakeTimeProvider(Now))!;

        var output = await sns.InvokeAsync("ListTopics", JObject.Empty);

        Assert.Equal("""{"Topics":[{"TopicArn":"arn:a"},{"TopicArn":"arn:b"}],"Attributes":{"Policy":"{}"},"NextToken":"n"}""", JsonText.Serialize(output));
        var (request, body) = handler.Requests.Single();
        Assert.Equal("Action=ListTopics&Version=2010-03-31", Encoding.UTF8.GetString(body));
        Assert.Equal(SigV4Status.Valid, Verify(request, body, SigV4.Sha256Hex(body)).Status);
    }

    [Fact]
    public async Task Query_ErrorResponseBecomesServiceException()
    {
        const string Xml = """
            <ErrorResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/">
              <Error><Type>Sender</Type><Code>NotFound</Code><Message>Topic does not exist</Message></Error>
              <RequestId>r</RequestId>
            </ErrorResponse>
            """;
        using var http = new HttpClient(new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.NotFound, Xml, "text/xml")));
        var sns = ForwardingServices.Create("sns", Target, http)!;

        var e = await Assert.ThrowsAsync<AwsServiceException>(async () => await sns.InvokeAsync("Publish", JObject.Empty));

        Assert.Equal(("NotFound", "Topic does not exist", 404), (e.Code, e.Message, e.StatusCode));
    }

    [Fact]
    public async Task S3_PutObject_UsesPathStyleAndSignsContentHash()
    {
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.OK, string.Empty, "application/xml", ("ETag", "\"abc\"")));
        using var http = new HttpClient(handler);
        var s3 = ForwardingServices.Create("s3", Target, http, new FakeTimeProvider(Now))!;

        var output = await s3.InvokeAsync("PutObject", (JObject)JsonText.Parse("""{"Bucket":"b","Key":"dir/my file.json","Body":"{}","Metadata":{"who":"me"}}"""));

        Assert.Equal("""{"ETag":"\"abc\""}""", JsonText.Serialize(output));
        var (request, body) = handler.Requests.Single();
        Assert.Equal(HttpMethod.Put, request.Method);
        Assert.Equal("/b/dir/my%20file.json", request.RequestUri!.AbsolutePath);
        Assert.Equal("me", request.Headers.GetValues("x-amz-meta-who").Single());
        Assert.Equal(SigV4.Sha256Hex("{}"u8), request.Headers.GetValues("x-amz-content-sha256").Single());
        Assert.Equal(SigV4Status.Valid, Verify(request, body, SigV4.Sha256Hex(body)).Status);
    }

    [Fact]
    public async Task S3_ListObjectsV2_ParsesContentsWithTypedMembers()
    {
        const string Xml = """
            <ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
              <Name>b</Name><Prefix>p/</Prefix><KeyCount>1</KeyCount><MaxKeys>1000</MaxKeys><IsTruncated>false</IsTruncated>
              <Contents><Key>p/a.json</Key><LastModified>2026-12-04T12:00:00.000Z</LastModified><ETag>"e"</ETag><Size>12</Size><StorageClass>STANDARD</StorageClass></Contents>
            </ListBucketResult>
            """;
        var handler = new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.OK, Xml, "application/xml"));
        using var http = new HttpClient(handler);
        var s3 = ForwardingServices.Create("s3", Target, http)!;

        var output = await s3.InvokeAsync("ListObjectsV2", (JObject)JsonText.Parse("""{"Bucket":"b","Prefix":"p/"}"""));

        Assert.Equal("/b?list-type=2&prefix=p%2F", handler.Requests.Single().Request.RequestUri!.PathAndQuery);
        Assert.Equal(
            """{"Name":"b","Prefix":"p/","KeyCount":1,"MaxKeys":1000,"IsTruncated":false,"Contents":[{"Key":"p/a.json","LastModified":"2026-12-04T12:00:00.000Z","ETag":"\"e\"","Size":12,"StorageClass":"STANDARD"}]}""",
            JsonText.Serialize(output));
    }

    [Fact]
    public async Task S3_NoSuchKey_IsReadFromTheErrorDocument()
    {
        const string Xml = "<Error><Code>NoSuchKey</Code><Message>The specified key does not exist.</Message></Error>";
        using var http = new HttpClient(new RecordingHandler(_ => RecordingHandler.Answer(HttpStatusCode.NotFound, Xml, "application/xml")));
        var s3 = ForwardingServices.Create("s3", Target, http)!;

        var e = await Assert.ThrowsAsync<AwsServiceException>(async () => await s3.InvokeAsync("GetObject", (JObject)JsonText.Parse("""{"Bucket":"b","Key":"k"}""")));

        Assert.Equal(("NoSuchKey", 404), (e.Code, e.StatusCode));
    }

    private static SigV4Result Verify(HttpRequestMessage request, byte[] body, string payloadHash)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase) { ["host"] = request.Headers.Host! };
        foreach (var (name, values) in request.Headers)
            headers[name] = string.Join(',', values);
        if (request.Content is not null)
        {
            foreach (var (name, values) in request.Content.Headers)
                headers[name] = string.Join(',', values);
        }

        Assert.NotNull(body);
        var uri = request.RequestUri!;
        var view = new SigV4Request(request.Method.Method, uri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped),
            uri.Query.TrimStart('?'), name => headers.TryGetValue(name, out var v) ? v : null);
        return new SigV4Verifier(id => id == Key.AccessKeyId ? Key : null, new FakeTimeProvider(Now)).Verify(view, payloadHash);
    }
}
