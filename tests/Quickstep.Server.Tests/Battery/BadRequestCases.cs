using System.Text;

namespace Quickstep.Server.Tests.Battery;

/// <summary>The battery's requests, per service: malformed, non-UTF-8, wrong types, huge and deep documents, bad names, numbers out of range, unknown operations and paths, tampered tokens.</summary>
internal static class BadRequestCases
{
    private const string Json10 = "application/x-amz-json-1.0";
    private const string Json11 = "application/x-amz-json-1.1";
    private const string Form = "application/x-www-form-urlencoded";
    private const string RestJson = "application/json";

    private static readonly byte[] NonUtf8 = [0x7b, 0x22, 0x51, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d];

    /// <summary>100,000 nested arrays under one member.</summary>
    private static byte[] DeepJson(string member) => Encoding.UTF8.GetBytes($"{{\"{member}\":" + new string('[', 100_000) + new string(']', 100_000) + "}");

    /// <summary>A document of about 8 MiB: over every JSON endpoint's body limit.</summary>
    private static byte[] HugeJson(string member) => Encoding.UTF8.GetBytes($"{{\"{member}\":\"" + new string('x', 8 * 1024 * 1024) + "\"}");

    private static byte[] B(string text) => Encoding.UTF8.GetBytes(text);

    public static IEnumerable<BadRequestCase> All() =>
        Sqs().Concat(SqsQuery()).Concat(Sns()).Concat(Events()).Concat(Glue()).Concat(Scheduler()).Concat(Pipes()).Concat(Lambda()).Concat(S3()).Concat(Webhooks()).Concat(StepFunctions());

    private static IEnumerable<BadRequestCase> Sqs()
    {
        BadRequestCase C(string name, string op, byte[] body, string? code) => new(name, "sqs", "POST", "/", Json10, "AmazonSQS." + op, body, ErrorShape.AwsJson, code);
        yield return C("malformed JSON", "ListQueues", B("{"), null);
        yield return C("array body", "ListQueues", B("[]"), null);
        yield return C("non-UTF-8 body", "CreateQueue", NonUtf8, null);
        yield return C(Deep(), "CreateQueue", DeepJson("QueueName"), null);
        yield return C("huge document", "CreateQueue", HugeJson("QueueName"), null);
        yield return C("name is a number", "CreateQueue", B("""{"QueueName":5}"""), null);
        yield return C("lone surrogate in name", "CreateQueue", B("""{"QueueName":"a\ud800b"}"""), null);
        yield return C("invalid characters in name", "CreateQueue", B("""{"QueueName":"a b/c"}"""), "InvalidParameterValue");
        yield return C("name too long", "CreateQueue", B($$"""{"QueueName":"{{new string('q', 81)}}"}"""), "InvalidParameterValue");
        yield return C("MaxNumberOfMessages out of range", "ReceiveMessage", B("""{"QueueUrl":"{queueUrl}","MaxNumberOfMessages":11}"""), null);
        yield return C("MaxNumberOfMessages beyond int64", "ReceiveMessage", B("""{"QueueUrl":"{queueUrl}","MaxNumberOfMessages":99999999999999999999999}"""), null);
        yield return C("WaitTimeSeconds a string", "ReceiveMessage", B("""{"QueueUrl":"{queueUrl}","WaitTimeSeconds":"x"}"""), null);
        yield return C("unknown operation", "DoNothing", B("{}"), null);
        yield return C("tampered pagination token", "ListQueues", B("""{"MaxResults":1,"NextToken":"AAAA%%%tampered"}"""), null);
        yield return C("tampered receipt handle", "DeleteMessage", B("""{"QueueUrl":"{queueUrl}","ReceiptHandle":"not-a-receipt"}"""), "ReceiptHandleIsInvalid");
        yield return C("queue URL of 10k characters", "GetQueueAttributes", B($$"""{"QueueUrl":"http://localhost/123456789012/{{new string('u', 10_000)}}"}"""), null);
        yield return C("unknown queue", "GetQueueAttributes", B("""{"QueueUrl":"http://localhost/123456789012/nobody"}"""), "QueueDoesNotExist");
    }

    /// <summary>Quickstep's SQS speaks AWS JSON only (as the current SDKs do): a query-protocol form post is an unknown operation, in JSON.</summary>
    private static IEnumerable<BadRequestCase> SqsQuery()
    {
        BadRequestCase C(string name, byte[] body) => new(name, "sqs", "POST", "/", Form, null, body, ErrorShape.AwsJson, "UnknownOperationException");
        yield return C("query: unknown action", B("Action=DoNothing&Version=2012-11-05"));
        yield return C("query: CreateQueue", B("Action=CreateQueue&QueueName=" + new string('q', 81)));
    }

    private static IEnumerable<BadRequestCase> Sns()
    {
        BadRequestCase C(string name, byte[] body, string? code) => new(name, "sns", "POST", "/", Form, null, body, ErrorShape.QueryXml, code);
        yield return C("unknown action", B("Action=DoNothing&Version=2010-03-31"), null);
        yield return C("missing action", B("Version=2010-03-31"), null);
        yield return C("non-UTF-8 form", [.. B("Action=CreateTopic&Name="), 0xff, 0xfe], null);
        yield return C("malformed escapes", B("Action=CreateTopic&Name=%zz%"), null);
        yield return C("name too long", B("Action=CreateTopic&Name=" + new string('t', 257)), "InvalidParameter");
        yield return C("lone surrogate in name", B("Action=CreateTopic&Name=a%ED%A0%80b"), null);
        yield return C("invalid topic ARN", B("Action=Publish&TopicArn=not-an-arn&Message=x"), null);
        yield return C("ARN of 10k characters", B("Action=GetTopicAttributes&TopicArn=arn:aws:sns:us-east-1:123456789012:" + new string('a', 10_000)), null);
        yield return C("tampered pagination token", B("Action=ListTopics&NextToken=AAAA%25%25tampered"), null);
        yield return C("deeply dotted member", B("Action=CreateTopic&Name=t&" + string.Join('.', Enumerable.Repeat("Attributes", 10_000)) + "=x"), null);
    }

    private static IEnumerable<BadRequestCase> Events()
    {
        BadRequestCase C(string name, string op, byte[] body, string? code) => new(name, "events", "POST", "/", Json11, "AWSEvents." + op, body, ErrorShape.AwsJson, code);
        yield return C("malformed JSON", "ListRules", B("{"), null);
        yield return C("non-UTF-8 body", "PutRule", NonUtf8, null);
        yield return C(Deep(), "PutRule", DeepJson("Name"), null);
        yield return C("huge document", "PutRule", HugeJson("Name"), null);
        yield return C("name is an object", "PutRule", B("""{"Name":{},"EventPattern":"{}"}"""), null);
        yield return C("lone surrogate in name", "PutRule", B("""{"Name":"r\udc00","EventPattern":"{\"source\":[\"a\"]}"}"""), null);
        yield return C("name too long", "PutRule", B($$"""{"Name":"{{new string('r', 65)}}","EventPattern":"{\"source\":[\"a\"]}"}"""), null);
        yield return C("pattern not JSON", "PutRule", B("""{"Name":"r","EventPattern":"{"}"""), "InvalidEventPatternException");
        yield return C("Limit out of range", "ListRules", B("""{"Limit":-5}"""), null);
        yield return C("Limit beyond int64", "ListRules", B("""{"Limit":1e400}"""), "ValidationException");
        yield return C("tampered pagination token", "ListRules", B("""{"NextToken":"AAAA%%%tampered"}"""), null);
        yield return C("unknown operation", "DoNothing", B("{}"), null);
        yield return C("unknown rule", "DescribeRule", B("""{"Name":"nobody"}"""), "ResourceNotFoundException");
        yield return C("bus ARN of 10k characters", "DescribeEventBus", B($$"""{"Name":"arn:aws:events:us-east-1:123456789012:event-bus/{{new string('b', 10_000)}}"}"""), null);
    }

    private static IEnumerable<BadRequestCase> Glue()
    {
        BadRequestCase C(string name, string op, byte[] body, string? code) => new(name, "glue", "POST", "/", Json11, "AWSGlue." + op, body, ErrorShape.AwsJson, code);
        yield return C("malformed JSON", "GetJobs", B("{"), null);
        yield return C("non-UTF-8 body", "GetJob", NonUtf8, null);
        yield return C(Deep(), "CreateJob", DeepJson("Name"), null);
        yield return C("huge document", "CreateJob", HugeJson("Name"), null);
        yield return C("name is a list", "GetJob", B("""{"JobName":["a"]}"""), null);
        yield return C("lone surrogate in name", "GetJob", B("""{"JobName":"j\ud800"}"""), null);
        yield return C("name too long", "GetJob", B($$"""{"JobName":"{{new string('j', 300)}}"}"""), null);
        yield return C("MaxResults out of range", "GetJobs", B("""{"MaxResults":100000}"""), null);
        yield return C("tampered pagination token", "GetJobs", B("""{"NextToken":"AAAA%%%tampered"}"""), null);
        yield return C("unknown operation", "DoNothing", B("{}"), null);
        yield return C("unknown job", "StartJobRun", B("""{"JobName":"nobody"}"""), "EntityNotFoundException");
    }

    private static IEnumerable<BadRequestCase> Scheduler()
    {
        BadRequestCase C(string name, string method, string path, byte[] body, string? code) => new(name, "scheduler", method, path, RestJson, null, body, ErrorShape.RestJson, code);
        yield return C("malformed JSON", "POST", "/schedules/s1", B("{"), null);
        yield return C("non-UTF-8 body", "POST", "/schedules/s1", NonUtf8, null);
        yield return C(Deep(), "POST", "/schedules/s1", DeepJson("ScheduleExpression"), null);
        yield return C("huge document", "POST", "/schedules/s1", HugeJson("ScheduleExpression"), null);
        yield return C("expression is a number", "POST", "/schedules/s1", B("""{"ScheduleExpression":5,"FlexibleTimeWindow":{"Mode":"OFF"},"Target":{"Arn":"arn:aws:sqs:us-east-1:123456789012:q","RoleArn":"arn:aws:iam::123456789012:role/r"}}"""), null);
        yield return C("bad expression", "POST", "/schedules/s1", B("""{"ScheduleExpression":"rate(0 lightyears)","FlexibleTimeWindow":{"Mode":"OFF"},"Target":{"Arn":"arn:aws:sqs:us-east-1:123456789012:q","RoleArn":"arn:aws:iam::123456789012:role/r"}}"""), "ValidationException");
        yield return C("name too long", "GET", "/schedules/" + new string('s', 65), [], null);
        yield return C("lone surrogate in name", "GET", "/schedules/a%ED%A0%80", [], null);
        yield return C("MaxResults out of range", "GET", "/schedules?MaxResults=99999999999999999999", [], null);
        yield return C("tampered pagination token", "GET", "/schedules?NextToken=AAAA%25%25tampered", [], null);
        yield return C("unknown path", "GET", "/nothing-here", [], null);
        yield return C("unknown schedule", "GET", "/schedules/nobody", [], "ResourceNotFoundException");
    }

    private static IEnumerable<BadRequestCase> Pipes()
    {
        BadRequestCase C(string name, string method, string path, byte[] body, string? code) => new(name, "pipes", method, path, RestJson, null, body, ErrorShape.RestJson, code);
        yield return C("malformed JSON", "POST", "/v1/pipes/p1", B("{"), null);
        yield return C("non-UTF-8 body", "POST", "/v1/pipes/p1", NonUtf8, null);
        yield return C(Deep(), "POST", "/v1/pipes/p1", DeepJson("Source"), null);
        yield return C("huge document", "POST", "/v1/pipes/p1", HugeJson("Source"), null);
        yield return C("source is a bool", "POST", "/v1/pipes/p1", B("""{"Source":true,"Target":"arn:aws:sqs:us-east-1:123456789012:q","RoleArn":"arn:aws:iam::123456789012:role/r"}"""), null);
        yield return C("name too long", "GET", "/v1/pipes/" + new string('p', 65), [], null);
        yield return C("Limit out of range", "GET", "/v1/pipes?Limit=-1", [], null);
        yield return C("Limit not a number", "GET", "/v1/pipes?Limit=1e400", [], "ValidationException");
        yield return C("tampered pagination token", "GET", "/v1/pipes?NextToken=AAAA%25%25tampered", [], "ValidationException");
        yield return C("unknown pipe", "GET", "/v1/pipes/nobody", [], "NotFoundException");
    }

    private static IEnumerable<BadRequestCase> Lambda()
    {
        BadRequestCase C(string name, string method, string path, byte[] body, string? code) => new(name, "lambda", method, path, RestJson, null, body, ErrorShape.RestJson, code);
        yield return C("malformed JSON", "POST", "/2015-03-31/functions", B("{"), null);
        yield return C("non-UTF-8 body", "POST", "/2015-03-31/functions", NonUtf8, null);
        yield return C(Deep(), "POST", "/2015-03-31/functions", DeepJson("FunctionName"), null);
        yield return C("name is a number", "POST", "/2015-03-31/functions", B("""{"FunctionName":1,"Runtime":"nodejs20.x","Role":"arn:aws:iam::123456789012:role/r","Handler":"i.h","Code":{"ZipFile":""}}"""), null);
        yield return C("name too long", "GET", "/2015-03-31/functions/" + new string('f', 200), [], null);
        yield return C("MaxItems out of range", "GET", "/2015-03-31/functions/?MaxItems=-1", [], null);
        yield return C("MaxItems not a number", "GET", "/2015-03-31/functions/?MaxItems=1e400", [], null);
        yield return C("tampered marker", "GET", "/2015-03-31/functions/?Marker=AAAA%25%25tampered", [], null);
        yield return C("invoke unknown function", "POST", "/2015-03-31/functions/nobody/invocations", B("{}"), "ResourceNotFoundException");
        yield return C("unknown path", "GET", "/2015-03-31/nothing-here", [], null);
    }

    private static IEnumerable<BadRequestCase> S3()
    {
        const string Xml = "application/xml";
        BadRequestCase C(string name, string method, string path, byte[] body, string? code) => new(name, "s3", method, path, Xml, null, body, ErrorShape.S3Xml, code);
        yield return C("invalid bucket name", "PUT", "/Bad_Bucket", [], "InvalidBucketName");
        yield return C("bucket name too long", "PUT", "/" + new string('b', 64), [], "InvalidBucketName");
        yield return C("unknown bucket", "GET", "/no-such-bucket-here", [], "NoSuchBucket");
        yield return C("malformed XML", "POST", "/battery-bucket?delete", B("<Delete><Object>"), "MalformedXML");
        yield return C("non-UTF-8 XML", "POST", "/battery-bucket?delete", [.. B("<Delete><Object><Key>"), 0xff, 0xfe, .. B("</Key></Object></Delete>")], "MalformedXML");
        yield return C("XML with a DTD", "POST", "/battery-bucket?delete", B("<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>"), "MalformedXML");
        yield return C("100k-deep XML", "POST", "/battery-bucket?delete", B(string.Concat(Enumerable.Repeat("<a>", 100_000)) + string.Concat(Enumerable.Repeat("</a>", 100_000))), "MalformedXML");
        yield return C("huge XML", "POST", "/battery-bucket?delete", B("<Delete>" + string.Concat(Enumerable.Repeat("<Object><Key>k</Key></Object>", 300_000)) + "</Delete>"), "MaxMessageLengthExceeded");
        yield return C("wrong XML root", "POST", "/battery-bucket?delete", B("<Other/>"), "MalformedXML");
        yield return C("key over 1024 bytes", "PUT", "/battery-bucket/" + new string('k', 1025), B("x"), "KeyTooLongError");
        yield return C("max-keys out of range", "GET", "/battery-bucket?list-type=2&max-keys=99999999999999999999", [], null);
        yield return C("tampered continuation token", "GET", "/battery-bucket?list-type=2&continuation-token=AAAA%25%25tampered", [], null);
        yield return C("unknown object", "GET", "/battery-bucket/nobody", [], "NoSuchKey");
    }

    private static IEnumerable<BadRequestCase> Webhooks()
    {
        yield return new("unknown webhook", "webhook", "POST", "/webhooks/nobody", RestJson, null, B("{}"), ErrorShape.Webhook, null);
        yield return new("webhook name of 5k characters", "webhook", "POST", "/webhooks/" + new string('w', 5_000), RestJson, null, B("{}"), ErrorShape.Webhook, null);
    }

    private static IEnumerable<BadRequestCase> StepFunctions()
    {
        BadRequestCase C(string name, string op, byte[] body, string? code) => new(name, "states", "POST", "/", Json10, "AWSStepFunctions." + op, body, ErrorShape.AwsJson, code);
        yield return C("maxResults beyond int64", "ListStateMachines", B("""{"maxResults":1e400}"""), null);
        yield return C("lone surrogate in name", "CreateStateMachine", B("""{"name":"a\ud800","definition":"{}","roleArn":"arn:aws:iam::123456789012:role/r","type":"EXPRESS"}"""), null);
        yield return C("ARN of 10k characters", "DescribeStateMachine", B($$"""{"stateMachineArn":"arn:aws:states:us-east-1:123456789012:stateMachine:{{new string('m', 10_000)}}"}"""), null);
        yield return C("huge document", "CreateStateMachine", HugeJson("definition"), null);
    }

    private static string Deep() => "100k-deep document";
}
