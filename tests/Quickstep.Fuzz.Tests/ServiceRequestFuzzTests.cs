using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using CsCheck;
using Microsoft.Extensions.Logging;
using Quickstep.Server;

namespace Quickstep.Fuzz.Tests;

/// <summary>
/// The request parsers of SQS (AWS JSON), SNS (query form), EventBridge (AWS JSON) and S3 (XML bodies) through the
/// real server: random operations with random members give an answer or a 4xx in the service's shape, never a 5xx.
/// </summary>
public sealed class ServiceRequestFuzzTests : IAsyncLifetime
{
    private static readonly string[] SqsOperations = ["CreateQueue", "SendMessage", "SendMessageBatch", "ReceiveMessage", "DeleteMessage", "ChangeMessageVisibility", "GetQueueAttributes", "SetQueueAttributes", "ListQueues", "PurgeQueue", "TagQueue", "GetQueueUrl", "DeleteMessageBatch"];
    private static readonly string[] SqsMembers = ["QueueName", "QueueUrl", "MessageBody", "MaxNumberOfMessages", "WaitTimeSeconds", "VisibilityTimeout", "ReceiptHandle", "Attributes", "AttributeNames", "MessageAttributes", "Entries", "Id", "DelaySeconds", "MessageGroupId", "MessageDeduplicationId", "Tags", "NextToken", "MaxResults", "QueueNamePrefix"];
    private static readonly string[] SnsActions = ["CreateTopic", "Publish", "PublishBatch", "Subscribe", "Unsubscribe", "ListTopics", "GetTopicAttributes", "SetTopicAttributes", "SetSubscriptionAttributes", "ConfirmSubscription", "ListSubscriptionsByTopic", "TagResource"];
    private static readonly string[] SnsFields = ["Name", "TopicArn", "Message", "Subject", "Protocol", "Endpoint", "AttributeName", "AttributeValue", "NextToken", "Attributes.entry.1.key", "Attributes.entry.1.value", "MessageAttributes.entry.1.Name", "MessageAttributes.entry.1.Value.DataType", "MessageAttributes.entry.1.Value.StringValue", "PublishBatchRequestEntries.member.1.Id", "PublishBatchRequestEntries.member.1.Message", "Tags.member.1.Key", "MessageStructure", "SubscriptionArn", "Token"];
    private static readonly string[] EventsOperations = ["PutEvents", "PutRule", "TestEventPattern", "ListRules", "PutTargets", "DescribeRule", "CreateEventBus", "ListEventBuses"];
    private static readonly string[] EventsMembers = ["Entries", "Name", "EventPattern", "Event", "Source", "DetailType", "Detail", "EventBusName", "Targets", "Rule", "Limit", "NextToken", "ScheduleExpression", "State"];

    /// <summary>An HTTP round trip on a shared 2-core machine can stall for seconds; a hang still fails.</summary>
    private static readonly TimeSpan PerRequest = TimeSpan.FromSeconds(15);

    private readonly string _dir = Path.Combine(Path.GetTempPath(), "qs-fuzz-" + Guid.NewGuid().ToString("N"));
    private QuickstepServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await QuickstepServer.StartAsync(new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(_dir, "q.db") }, logging => logging.SetMinimumLevel(LogLevel.Critical));
        _http = new HttpClient { BaseAddress = _server.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        await PostJsonAsync("sqs", "AmazonSQS.CreateQueue", """{"QueueName":"fuzz"}""");
        using var bucket = Signed(HttpMethod.Put, "/fuzz-bucket", "s3");
        using var created = await _http.SendAsync(bucket);
        Assert.True(created.IsSuccessStatusCode);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public void Sqs_RandomMembers_AnswerOr4xxJson() =>
        Fuzz.Run(Gen.Select(Gen.OneOf(SqsOperations), Members(SqsMembers)), (op, body) =>
        {
            var queueUrl = _server.BaseAddress + "123456789012/fuzz";
            var (status, text, type) = PostJsonAsync("sqs", "AmazonSQS." + op, body.Replace("\"u\"", JsonSerializer.Serialize(queueUrl), StringComparison.Ordinal)).GetAwaiter().GetResult();
            AssertJsonAnswer(status, text, type);
        }, 1500, PerRequest);

    [Fact]
    public void EventBridge_RandomMembers_AnswerOr4xxJson() =>
        Fuzz.Run(Gen.Select(Gen.OneOf(EventsOperations), Members(EventsMembers)), (op, body) =>
        {
            var (status, text, type) = PostJsonAsync("events", "AWSEvents." + op, body).GetAwaiter().GetResult();
            AssertJsonAnswer(status, text, type);
        }, 1500, PerRequest);

    [Fact]
    public void Sns_RandomFields_AnswerOr4xxXml() =>
        Fuzz.Run(Gen.Select(Gen.OneOf(SnsActions), Gen.Select(Gen.OneOf(SnsFields), Gen.OneOf("", "x", "fuzz", "arn:aws:sns:us-east-1:123456789012:fuzz", "sqs", "http", "{\"default\":\"m\"}", "json", "String", "Number", "1e400", "-1", "\u00e9", "%ff")).Array[0, 8]), (action, fields) =>
        {
            var form = "Action=" + action + string.Concat(fields.Select(f => "&" + Uri.EscapeDataString(f.Item1) + "=" + Uri.EscapeDataString(f.Item2)));
            using var request = Signed(HttpMethod.Post, "/", "sns");
            request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            using var response = _http.SendAsync(request).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} {text}");
            if (status >= 400)
                Assert.Equal("ErrorResponse", XDocument.Parse(text).Root!.Name.LocalName);
        }, 1500, PerRequest);

    [Fact]
    public void S3_RandomXmlBodies_AnswerOr4xxXml()
    {
        var elements = Gen.OneOf("<Delete>", "</Delete>", "<Object>", "</Object>", "<Key>", "</Key>", "k", "<Quiet>true</Quiet>", "<VersionId>1</VersionId>",
            "<CompleteMultipartUpload>", "<Part>", "<PartNumber>", "</PartNumber>", "<ETag>", "1", "-1", "99999999999", "&amp;", "&x;", "<![CDATA[x]]>", "<?xml version=\"1.0\"?>", " ", "<", ">", "\u00e9");
        var target = Gen.OneOf("/fuzz-bucket?delete", "/fuzz-bucket/k?uploadId=nope", "/fuzz-bucket?notification");
        Fuzz.Run(Gen.Select(target, elements.Array[0, 20]), (path, parts) =>
        {
            using var request = Signed(path.EndsWith("notification", StringComparison.Ordinal) ? HttpMethod.Put : HttpMethod.Post, path, "s3");
            request.Content = new StringContent(string.Concat(parts), Encoding.UTF8, "application/xml");
            using var response = _http.SendAsync(request).GetAwaiter().GetResult();
            var text = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            var status = (int)response.StatusCode;
            Assert.True(status < 500, $"{status} {text}");
            if (status >= 400)
                Assert.Equal("Error", XDocument.Parse(text).Root!.Name.LocalName);
        }, 1500, PerRequest);
    }

    /// <summary>An object of random members holding random JSON (strings "u" become the queue's URL).</summary>
    private static Gen<string> Members(string[] names) =>
        Gen.Select(Gen.OneOf(names), Gen.Frequency((1, Gen.Const("\"u\"")), (4, Documents.Text))).Array[0, 6]
            .Select(ms => "{" + string.Join(",", ms.DistinctBy(m => m.Item1).Select(m => JsonSerializer.Serialize(m.Item1) + ":" + m.Item2)) + "}");

    private static void AssertJsonAnswer(int status, string text, string? type)
    {
        Assert.True(status < 500, $"{status} {text}");
        if (status >= 400)
            Assert.False(string.IsNullOrEmpty(type), text);
    }

    private async Task<(int Status, string Text, string? Type)> PostJsonAsync(string service, string target, string body)
    {
        using var request = Signed(HttpMethod.Post, "/", service);
        request.Content = new StringContent(body, Encoding.UTF8);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(service == "sqs" ? "application/x-amz-json-1.0" : "application/x-amz-json-1.1");
        request.Headers.Add("X-Amz-Target", target);
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        string? type = null;
        if ((int)response.StatusCode >= 400)
        {
            using var doc = JsonDocument.Parse(text);
            type = doc.RootElement.GetProperty("__type").GetString();
        }

        return ((int)response.StatusCode, text, type);
    }

    private static HttpRequestMessage Signed(HttpMethod method, string path, string service)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=00");
        return request;
    }
}
