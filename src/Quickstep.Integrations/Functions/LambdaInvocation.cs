namespace Quickstep.Integrations.Functions;

/// <summary>What the caller of one invocation knows besides the event: its request id, the ARN it was invoked by, whether it wants the log.</summary>
public sealed class LambdaInvocation
{
    /// <summary>The request id (Lambda-Runtime-Aws-Request-Id, x-amzn-RequestId).</summary>
    public required string RequestId { get; init; }

    /// <summary>The ARN the caller named (Lambda-Runtime-Invoked-Function-Arn); null: the function's own.</summary>
    public string? InvokedFunctionArn { get; init; }

    /// <summary>LogType Tail: keep the invocation's log lines in <see cref="LambdaInvocationResult.Log"/>.</summary>
    public bool WantsLog { get; init; }

    /// <summary>The X-Amz-Client-Context header (base64), passed on as Lambda-Runtime-Client-Context.</summary>
    public string? ClientContext { get; init; }
}
