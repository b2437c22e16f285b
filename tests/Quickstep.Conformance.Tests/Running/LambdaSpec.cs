namespace Quickstep.Conformance.Tests.Running;

/// <summary>One entry of a case's <c>lambdas</c>: a function AWS ran for the recording.</summary>
internal sealed record LambdaSpec(string Name, string Arn, string Kind, string HandlerFile, string Behaviour);
