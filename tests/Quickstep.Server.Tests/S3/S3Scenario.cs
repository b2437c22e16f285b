namespace Quickstep.Server.Tests.S3;

/// <summary>Starts a server, runs sdk/s3.mjs (@aws-sdk/client-s3, path-style) against it once, keeps its JSON output.</summary>
public sealed class S3Scenario() : NodeScenario("s3.mjs");
