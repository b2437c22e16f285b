namespace Quickstep.Integrations.Functions;

/// <summary>One entry of a <c>functions</c> section: what runs the function and its settings.</summary>
public sealed class FunctionDefinition
{
    public required FunctionKind Kind { get; init; }

    /// <summary><see cref="FunctionKind.Command"/>: the program and its arguments (no shell).</summary>
    public IReadOnlyList<string> Command { get; init; } = [];

    /// <summary><see cref="FunctionKind.Url"/>: the endpoint.</summary>
    public Uri? Url { get; init; }

    /// <summary><see cref="FunctionKind.Runtime"/>: <c>nodejs</c> or <c>python</c>.</summary>
    public string? Runtime { get; init; }

    /// <summary><see cref="FunctionKind.Runtime"/>: <c>FILE.EXPORT</c> (Node) or <c>module.function</c> (Python), as Lambda's _HANDLER.</summary>
    public string? Handler { get; init; }

    /// <summary><see cref="FunctionKind.Runtime"/>: the directory with the code (LAMBDA_TASK_ROOT); <see cref="FunctionKind.Worker"/>: its working directory.</summary>
    public string? CodeDirectory { get; init; }

    /// <summary><see cref="FunctionKind.Worker"/>: the program and its arguments.</summary>
    public IReadOnlyList<string> Worker { get; init; } = [];

    public FunctionSettings Settings { get; init; } = FunctionSettings.Default;
}
