namespace Quickstep.Integrations.Functions;

/// <summary>A function in a <see cref="LambdaFunctionRegistry"/>: the key it was registered under, how it runs, its settings.</summary>
public sealed class RegisteredFunction
{
    internal RegisteredFunction(string key, LambdaFunction function, FunctionKind kind, FunctionSettings settings, FunctionDefinition? definition)
    {
        Key = key;
        Function = function;
        Kind = kind;
        Settings = settings;
        Definition = definition;
    }

    /// <summary>The function name or ARN it was registered under.</summary>
    public string Key { get; }

    public LambdaFunction Function { get; }

    public FunctionKind Kind { get; }

    public FunctionSettings Settings { get; }

    /// <summary>The definition it was built from; null for functions registered in code.</summary>
    public FunctionDefinition? Definition { get; }

    /// <summary>The function's name (the key's last ARN part, or the key).</summary>
    public string Name => Key.StartsWith("arn:", StringComparison.Ordinal) && LambdaFunctionReference.TryParseArn(Key, out var r) ? r.Name : Key;
}
