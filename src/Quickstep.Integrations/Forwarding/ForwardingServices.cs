using Quickstep.Aws;
using Quickstep.Integrations.AwsSdk;

namespace Quickstep.Integrations.Forwarding;

/// <summary>The forwarding client of each service that Task integrations call: SQS and EventBridge (AWS JSON), SNS (query), S3 (REST-XML).</summary>
public static class ForwardingServices
{
    /// <summary>Built-in services that can be forwarded; besides them, every service of the model table that speaks AWS JSON or query.</summary>
    public static IReadOnlyList<string> Supported { get; } = ["sqs", "sns", "events", "s3"];

    /// <returns>The client, or null when <paramref name="signingName"/> cannot be forwarded.</returns>
    public static IAwsService? Create(string signingName, ForwardingEndpoint target, HttpClient http, TimeProvider? time = null) => signingName switch
    {
        "sqs" => new AwsJsonForwarder("sqs", "AmazonSQS", "1.0", target, http, time),
        "events" => new AwsJsonForwarder("events", "AWSEvents", "1.1", target, http, time),
        "sns" => new QueryForwarder("sns", "2010-03-31", target, http, time),
        "s3" => new S3Forwarder(target, http, time),
        "lambda" or "glue" or "states" or "scheduler" or "pipes" => null,
        _ => AwsServiceModels.ForSigningName(signingName) switch
        {
            { Protocol: "json" } m => new AwsJsonForwarder(signingName, m.TargetPrefix, m.JsonVersion, target, http, time),
            { Protocol: "query" } m => new QueryForwarder(signingName, m.ApiVersion, target, http, time),
            _ => null,
        },
    };

    /// <summary>Why <paramref name="signingName"/> cannot be forwarded, for the configuration error.</summary>
    public static string WhyNot(string signingName) => AwsServiceModels.ForSigningName(signingName) switch
    {
        null => $"'{signingName}' is not the signing name of an AWS service",
        { Forwardable: false } m => $"'{signingName}' ({m.ServiceId}) speaks {m.Protocol}; Quickstep forwards AWS JSON and query services, and s3",
        _ => $"'{signingName}' is served by this server itself",
    };
}
