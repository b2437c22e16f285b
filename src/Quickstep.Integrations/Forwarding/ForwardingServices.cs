using Quickstep.Aws;

namespace Quickstep.Integrations.Forwarding;

/// <summary>The forwarding client of each service that Task integrations call: SQS and EventBridge (AWS JSON), SNS (query), S3 (REST-XML).</summary>
public static class ForwardingServices
{
    /// <summary>Signing names that can be forwarded.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["sqs", "sns", "events", "s3"];

    /// <returns>The client, or null when <paramref name="signingName"/> cannot be forwarded.</returns>
    public static IAwsService? Create(string signingName, ForwardingEndpoint target, HttpClient http, TimeProvider? time = null) => signingName switch
    {
        "sqs" => new AwsJsonForwarder("sqs", "AmazonSQS", "1.0", target, http, time),
        "events" => new AwsJsonForwarder("events", "AWSEvents", "1.1", target, http, time),
        "sns" => new QueryForwarder("sns", "2010-03-31", target, http, time),
        "s3" => new S3Forwarder(target, http, time),
        _ => null,
    };
}
