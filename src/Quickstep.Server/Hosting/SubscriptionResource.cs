namespace Quickstep.Server.Hosting;

/// <summary>
/// A topic subscription to create. <paramref name="Topic"/> is a topic name from the same file or an ARN; for protocol
/// <c>sqs</c>, <paramref name="Endpoint"/> may be a queue name from the same file (its ARN is looked up) or a queue ARN.
/// </summary>
public sealed record SubscriptionResource(string Topic, string Protocol, string Endpoint, IReadOnlyDictionary<string, string> Attributes);
