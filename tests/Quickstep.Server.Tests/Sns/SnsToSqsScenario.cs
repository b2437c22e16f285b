namespace Quickstep.Server.Tests.Sns;

/// <summary>sdk/sns-sqs.mjs against a fresh server (SNS wired to its own SQS).</summary>
public sealed class SnsToSqsScenario() : NodeScenario("sns-sqs.mjs");
