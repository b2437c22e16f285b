using Quickstep.Aws;
using Quickstep.Integrations.AwsSdk;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;
using static Quickstep.Integrations.Tests.TestSupport;

namespace Quickstep.Integrations.Tests.AwsSdk;

public sealed class AwsServiceResourceHandlerTests
{
    private const string QueueUrl = "http://127.0.0.1:8083/123456789012/orders";

    private static AwsServiceResourceHandler Handler(params FakeAwsService[] services) =>
        new(services, new AwsServiceResourceHandlerOptions { RequestIds = new SequentialRequestIds(), TimeProvider = new FixedTimeProvider(Now) });

    [Fact]
    public void SdkIntegration_PassesArgumentsAsInputOfPascalCaseOperation()
    {
        var sqs = FakeAwsService.Returning("sqs", """{"QueueUrl":"http://q"}""");
        var result = Run(Handler(sqs), Request("arn:aws:states:::aws-sdk:sqs:getQueueUrl", """{"QueueName":"orders","QueueOwnerAWSAccountId":"123456789012"}"""));

        Assert.Equal("""{"QueueUrl":"http://q"}""", JsonOf(result.Output));
        var (operation, input) = Assert.Single(sqs.Calls);
        Assert.Equal("GetQueueUrl", operation);
        Assert.Equal("""{"QueueName":"orders","QueueOwnerAWSAccountId":"123456789012"}""", JsonOf(input));
    }

    [Theory]
    [InlineData("arn:aws:states:::aws-sdk:sqs:getQueueUrl", "sqs", "QueueDoesNotExist", 400, "Sqs.QueueDoesNotExistException", "Service: Sqs, Status Code: 400")]
    [InlineData("arn:aws:states:::aws-sdk:sqs:sendMessage", "sqs", "InvalidParameterValue", 400, "Sqs.SqsException", "Service: Sqs, Status Code: 400")]
    [InlineData("arn:aws:states:::aws-sdk:sns:publish", "sns", "NotFound", 404, "Sns.NotFoundException", "Service: Sns, Status Code: 404")]
    [InlineData("arn:aws:states:::aws-sdk:eventbridge:describeEventBus", "events", "ResourceNotFoundException", 400, "EventBridge.ResourceNotFoundException", "Service: EventBridge, Status Code: 400")]
    [InlineData("arn:aws:states:::aws-sdk:s3:getObject", "s3", "NoSuchKey", 404, "S3.NoSuchKeyException", "Service: S3, Status Code: 404")]
    [InlineData("arn:aws:states:::aws-sdk:s3:createBucket", "s3", "BucketAlreadyExists", 409, "S3.BucketAlreadyExistsException", "Service: S3, Status Code: 409")]
    public void SdkIntegration_ServiceError_IsNamedAsStepFunctionsNamesIt(string resource, string service, string code, int status, string error, string causePart)
    {
        var fake = FakeAwsService.Throwing(service, new AwsServiceException(code, "It failed.", status));
        var result = Run(Handler(fake), Request(resource, "{}"));

        Assert.Equal(error, result.Error!.Error);
        Assert.StartsWith($"It failed. ({causePart}, Request ID: 00000000-0000-0000-0000-000000000001", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void SendMessage_DropsUnsupportedArgumentsAndSendsObjectBodyAsJsonText()
    {
        var sqs = FakeAwsService.Returning("sqs", """{"MD5OfMessageBody":"abc","MessageId":"m-1"}""");
        var result = Run(Handler(sqs), Request("arn:aws:states:::sqs:sendMessage",
            $$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":{"order":1},"MessageSystemAttribute":{"AWSTraceHeader":"x"},"DelaySeconds":5}"""));

        var (operation, input) = Assert.Single(sqs.Calls);
        Assert.Equal("SendMessage", operation);
        Assert.Equal($$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":"{\"order\":1}","DelaySeconds":5}""", JsonOf(input));
        var output = (JObject)result.Output!;
        Assert.Equal(["MD5OfMessageBody", "MessageId", "SdkHttpMetadata", "SdkResponseMetadata"], output.Keys);
        Assert.Equal("""{"RequestId":"00000000-0000-0000-0000-000000000001"}""", JsonOf(output["SdkResponseMetadata"]));
        var http = (JObject)output["SdkHttpMetadata"]!;
        Assert.Equal(200, ((JNumber)http["HttpStatusCode"]!).Value);
        var headers = (JObject)http["HttpHeaders"]!;
        Assert.Equal("application/x-amz-json-1.0", ((JString)headers["Content-Type"]!).Value);
        Assert.Equal("""{"MD5OfMessageBody":"abc","MessageId":"m-1"}""".Length.ToString(System.Globalization.CultureInfo.InvariantCulture), ((JString)headers["Content-Length"]!).Value);
        Assert.Equal("Thu, 06 Nov 2025 12:31:47 GMT", ((JString)headers["Date"]!).Value);
    }

    /// <summary>Recorded: error_handling/test_task_service_sqs_test_send_message_empty_body.</summary>
    [Fact]
    public void SendMessage_NullBody_FailsAsAmazonSqsExceptionWithoutCallingTheService()
    {
        var sqs = FakeAwsService.Returning("sqs", "{}");
        var result = Run(Handler(sqs), Request("arn:aws:states:::sqs:sendMessage", $$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":null}"""));

        Assert.Empty(sqs.Calls);
        Assert.Equal("SQS.AmazonSQSException", result.Error!.Error);
        Assert.Equal("The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: 00000000-0000-0000-0000-000000000001; Proxy: null)", result.Error.Cause);
    }

    [Fact]
    public void SendMessage_ModeledError_UsesJavaSdkOneExceptionAndQueryErrorCode()
    {
        var sqs = FakeAwsService.Throwing("sqs", new AwsServiceException("QueueDoesNotExist", "The specified queue does not exist.") { QueryErrorCode = "AWS.SimpleQueueService.NonExistentQueue" });
        var result = Run(Handler(sqs), Request("arn:aws:states:::sqs:sendMessage", $$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":"hi"}"""));

        Assert.Equal("SQS.QueueDoesNotExistException", result.Error!.Error);
        Assert.Contains("(Service: AmazonSQS; Status Code: 400; Error Code: AWS.SimpleQueueService.NonExistentQueue;", result.Error.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public void SendMessage_Unreachable_IsSdkClientException()
    {
        var sqs = FakeAwsService.Throwing("sqs", new HttpRequestException("Connection refused (127.0.0.1:1)"));
        var result = Run(Handler(sqs), Request("arn:aws:states:::sqs:sendMessage", $$"""{"QueueUrl":"{{QueueUrl}}","MessageBody":"hi"}"""));

        Assert.Equal(("SQS.SdkClientException", "Unable to execute HTTP request: Connection refused (127.0.0.1:1)"), (result.Error!.Error, result.Error.Cause));
    }

    [Fact]
    public void Publish_ObjectMessageIsJsonTextAndResultIsXmlSized()
    {
        var sns = FakeAwsService.Returning("sns", """{"MessageId":"m-2"}""");
        var result = Run(Handler(sns), Request("arn:aws:states:::sns:publish", """{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":{"a":[1]},"Unknown":1}"""));

        Assert.Equal("""{"TopicArn":"arn:aws:sns:us-east-1:123456789012:t","Message":"{\"a\":[1]}"}""", JsonOf(sns.Calls.Single().Input));
        var output = (JObject)result.Output!;
        Assert.Equal("m-2", ((JString)output["MessageId"]!).Value);
        var headers = (JObject)((JObject)output["SdkHttpMetadata"]!)["HttpHeaders"]!;
        Assert.Equal("text/xml", ((JString)headers["Content-Type"]!).Value);
    }

    [Fact]
    public void PutEvents_SerializesObjectDetailAndReturnsOutputAsIs()
    {
        var events = FakeAwsService.Returning("events", """{"Entries":[{"EventId":"e-1"}],"FailedEntryCount":0}""");
        var result = Run(Handler(events), Request("arn:aws:states:::events:putEvents", """{"Entries":[{"Detail":{"x":1},"DetailType":"t","Source":"s"},{"Detail":"text","DetailType":"t","Source":"s"}]}"""));

        Assert.Equal("""{"Entries":[{"Detail":"{\"x\":1}","DetailType":"t","Source":"s"},{"Detail":"text","DetailType":"t","Source":"s"}]}""", JsonOf(events.Calls.Single().Input));
        Assert.Equal("""{"Entries":[{"EventId":"e-1"}],"FailedEntryCount":0}""", JsonOf(result.Output));
    }

    [Fact]
    public void PutEvents_FailedEntries_FailWithFailedEntry()
    {
        const string Output = """{"FailedEntryCount":1,"Entries":[{"ErrorCode":"MalformedDetail","ErrorMessage":"Detail is malformed."}]}""";
        var events = FakeAwsService.Returning("events", Output);
        var result = Run(Handler(events), Request("arn:aws:states:::events:putEvents", """{"Entries":[{"Detail":"{","DetailType":"t","Source":"s"}]}"""));

        Assert.Equal((AwsServiceResourceHandler.EventBridgeFailedEntry, Output), (result.Error!.Error, result.Error.Cause));
    }

    [Theory]
    [InlineData("arn:aws:states:::sqs:sendMessage", true)]
    [InlineData("arn:aws-us-gov:states:::aws-sdk:sqs:receiveMessage", true)]
    [InlineData("arn:aws:states:::sqs:sendMessage.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::aws-sdk:sqs:sendMessage.waitForTaskToken", false)]
    [InlineData("arn:aws:states:::aws-sdk:sns:publish", false)]
    [InlineData("arn:aws:states:::aws-sdk:dynamodb:getItem", false)]
    [InlineData("arn:aws:states:::aws-sdk:sqs:SendMessage", false)]
    [InlineData("arn:aws:lambda:us-east-1:123456789012:function:f", false)]
    public void CanHandle_OnlyResourcesOfConfiguredServices(string resource, bool expected) =>
        Assert.Equal(expected, Handler(FakeAwsService.Returning("sqs", "{}")).CanHandle(resource));

    [Fact]
    public void Mocks_AnswerBeforeTheService()
    {
        var sqs = FakeAwsService.Returning("sqs", "{}");
        const string Config = """
            {"StateMachines":{"m":{"TestCases":{"T":{"Send":"Sent"}}}},
             "MockedResponses":{"Sent":{"0":{"Return":{"MessageId":"mocked"}}}}}
            """;
        var mocking = new MockingResourceHandler(MockConfig.Parse(Config), Handler(sqs));
        var result = Run(mocking, Request("arn:aws:states:::sqs:sendMessage", """{"QueueUrl":"q","MessageBody":"b"}""", "Send", "m", testCase: "T"));

        Assert.Equal("""{"MessageId":"mocked"}""", JsonOf(result.Output));
        Assert.Empty(sqs.Calls);
    }
}
