namespace Quickstep.Integrations.AwsSdk;

/// <summary>What forwarding needs of one AWS service's model (botocore's metadata; <c>tools/aws-service-table.py</c>).</summary>
/// <param name="SdkName">The service in <c>aws-sdk:SERVICE:action</c>: the serviceId in lower case without spaces (<c>dynamodb</c>, <c>cloudwatchlogs</c>).</param>
/// <param name="Protocol"><c>json</c>, <c>query</c>, <c>ec2</c>, <c>rest-json</c>, <c>rest-xml</c> or <c>smithy-rpc-v2-cbor</c>.</param>
public sealed record AwsServiceModel(string SdkName, string ServiceId, string SigningName, string Protocol, string JsonVersion, string TargetPrefix, string ApiVersion, string EndpointPrefix)
{
    /// <summary>Whether Quickstep can forward its calls (AWS JSON and query).</summary>
    public bool Forwardable => Protocol is "json" or "query";
}
