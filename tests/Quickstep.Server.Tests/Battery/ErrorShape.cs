namespace Quickstep.Server.Tests.Battery;

/// <summary>The error shape each protocol answers in.</summary>
public enum ErrorShape
{
    /// <summary>AWS JSON 1.0/1.1: <c>{"__type","message"}</c> (Step Functions, SQS, EventBridge, Glue).</summary>
    AwsJson,

    /// <summary>Query protocol: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Code&gt;</c> (SNS, SQS's form posts).</summary>
    QueryXml,

    /// <summary>S3's REST-XML <c>&lt;Error&gt;&lt;Code&gt;</c>.</summary>
    S3Xml,

    /// <summary>REST-JSON with <c>x-amzn-ErrorType</c> (Lambda, Scheduler, Pipes).</summary>
    RestJson,

    /// <summary>A webhook's <c>{"message"}</c>.</summary>
    Webhook,
}
