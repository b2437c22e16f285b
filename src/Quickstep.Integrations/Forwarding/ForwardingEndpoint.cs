using Quickstep.Aws.Signing;

namespace Quickstep.Integrations.Forwarding;

/// <summary>Where a service's calls are forwarded (real AWS, or any compatible server) and how they are signed.</summary>
/// <param name="Endpoint">e.g. <c>https://sqs.eu-west-1.amazonaws.com</c> or <c>http://127.0.0.1:4566</c>.</param>
public sealed record ForwardingEndpoint(Uri Endpoint, string Region, AwsCredentials Credentials);
