namespace Quickstep.Integrations.Functions;

/// <summary>A function's configuration as Lambda has it: timeout, memory, concurrency, environment.</summary>
public sealed class FunctionSettings
{
    /// <summary>The defaults: 3 seconds, 128 MB, 10 at once (Lambda's defaults, with a concurrency that fits one machine).</summary>
    public static FunctionSettings Default { get; } = new();

    /// <summary>Seconds an invocation may run before it fails with <c>Sandbox.Timedout</c>. Default 3, as Lambda.</summary>
    public double TimeoutSeconds { get; init; } = 3;

    /// <summary>AWS_LAMBDA_FUNCTION_MEMORY_SIZE and the REPORT line's Memory Size, in MB. Default 128.</summary>
    public int MemorySize { get; init; } = 128;

    /// <summary>Invocations at once (runtime workers: warm processes at most); one more is <c>TooManyRequestsException</c>. Default 10.</summary>
    public int Concurrency { get; init; } = 10;

    /// <summary>Asynchronous (Event) invocations: retries after a function error, 0 to 2, as Lambda's MaximumRetryAttempts. Default 2.</summary>
    public int MaximumRetryAttempts { get; init; } = 2;

    /// <summary>Asynchronous invocations: where the invocation record goes when the last attempt failed (a queue, topic, bus or function ARN); none: dropped with a log line.</summary>
    public string? OnFailure { get; init; }

    /// <summary>Environment variables of the function's processes. Default none.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);
}
