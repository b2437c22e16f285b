using Quickstep.Json;

namespace Quickstep.Aws;

/// <summary>
/// One AWS service's operations, independent of any wire format: the input and the output are the members of
/// the operation's shapes in the service model (PascalCase names as in the API reference, e.g. SQS
/// <c>SendMessage</c> takes <c>{"QueueUrl": …, "MessageBody": …}</c>). The HTTP adapters translate each
/// protocol (AWS JSON, query/XML, REST-XML, REST-JSON) to and from it; Task integrations
/// (<c>arn:aws:states:::aws-sdk:sqs:sendMessage</c>, the optimized <c>sqs:sendMessage</c>) call it in process;
/// forwarding sends the same request to a real endpoint instead.
/// </summary>
public interface IAwsService
{
    /// <summary>The SigV4 signing name, e.g. <c>sqs</c>, <c>sns</c>, <c>events</c>, <c>s3</c>.</summary>
    string SigningName { get; }

    /// <summary>Runs <paramref name="operation"/> (e.g. <c>SendMessage</c>); throws <see cref="AwsServiceException"/> for the service's own errors.</summary>
    ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default);
}
