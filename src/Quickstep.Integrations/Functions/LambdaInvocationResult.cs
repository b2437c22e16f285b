using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>What a function invocation produced: its payload, or a Lambda function error.</summary>
public readonly struct LambdaInvocationResult
{
    private LambdaInvocationResult(JValue? payload, LambdaError? error)
    {
        Payload = payload;
        Error = error;
    }

    /// <summary>The returned payload when <see cref="IsSuccess"/>.</summary>
    public JValue? Payload { get; }

    /// <summary>The function error when not <see cref="IsSuccess"/>.</summary>
    public LambdaError? Error { get; }

    public bool IsSuccess => Error is null;

    /// <summary>The invocation's log lines (LogType Tail), when the function keeps them; null otherwise.</summary>
    public string? Log { get; private init; }

    /// <summary>This result with <paramref name="log"/> as its log.</summary>
    public LambdaInvocationResult WithLog(string? log) => this with { Log = log };

    public static LambdaInvocationResult Success(JValue payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        return new(payload, null);
    }

    public static LambdaInvocationResult Failure(LambdaError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return new(null, error);
    }

    /// <summary>Fails like a Lambda function that raised an error of type <paramref name="errorType"/>.</summary>
    public static LambdaInvocationResult Failure(string errorType, string errorMessage) =>
        new(null, new LambdaError(errorType, errorMessage));
}
