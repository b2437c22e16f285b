namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>How to start one worker of a function, and the function's identity and settings.</summary>
internal sealed class RuntimeWorkerSpec
{
    public required string FunctionName { get; init; }

    public required string FunctionArn { get; init; }

    public required string Program { get; init; }

    public IReadOnlyList<string> Arguments { get; init; } = [];

    public string? WorkingDirectory { get; init; }

    /// <summary>Lambda's variables and the function's own (AWS_LAMBDA_RUNTIME_API is added per worker).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    public FunctionSettings Settings { get; init; } = FunctionSettings.Default;

    /// <summary>Quickstep's bootstraps print <see cref="RuntimeWorkerFunction.EndMarker"/> after each invocation.</summary>
    public bool PrintsEndMarker { get; init; }

    /// <summary>Where the workers' output lines go besides the invocations' logs (function name, line). Default nowhere.</summary>
    public Action<string, string>? Log { get; init; }
}
