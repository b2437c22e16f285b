using System.Collections.Concurrent;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// The functions Task states can call, by function name or full ARN. A bare name (<c>"MyFn"</c>)
/// serves every ARN of that name, in any region and account, with or without a version or alias
/// qualifier; a full-ARN key serves that function only (an unqualified ARN key also serves its
/// qualified ARNs). Where both match, the ARN key wins. Registering a key again replaces it.
/// Thread-safe; register before running executions.
/// </summary>
public sealed class LambdaFunctionRegistry
{
    private readonly ConcurrentDictionary<string, LambdaFunction> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, LambdaFunction> _byArn = new(StringComparer.Ordinal);

    /// <summary>Registers an in-process async function. Throw <see cref="LambdaFunctionException"/> to fail.</summary>
    public void Register(string functionNameOrArn, Func<JValue, CancellationToken, ValueTask<JValue>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Register(functionNameOrArn, new AsyncDelegateLambdaFunction(function));
    }

    /// <summary>Registers an in-process synchronous function. Throw <see cref="LambdaFunctionException"/> to fail.</summary>
    public void Register(string functionNameOrArn, Func<JValue, JValue> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Register(functionNameOrArn, new SyncDelegateLambdaFunction(function));
    }

    /// <summary>Registers a function object (for results that fail without throwing, or custom transports).</summary>
    public void Register(string functionNameOrArn, LambdaFunction function)
    {
        ArgumentNullException.ThrowIfNull(functionNameOrArn);
        ArgumentNullException.ThrowIfNull(function);
        if (!TryClassifyKey(functionNameOrArn, out var isArn, out var error))
            throw new ArgumentException(error, nameof(functionNameOrArn));
        (isArn ? _byArn : _byName)[functionNameOrArn] = function;
    }

    /// <summary>
    /// Registers a local command: <paramref name="command"/> is the program and its arguments (no
    /// shell). Each invocation starts it, writes the event JSON to its stdin and parses its stdout as
    /// the result. Exit 0 succeeds; a non-zero exit fails with the <c>errorType</c> of the Lambda error
    /// object printed on stdout, else with <c>Lambda.Unknown</c> and a cause quoting stderr.
    /// </summary>
    /// <param name="workingDirectory">The process's working directory; default: the current one.</param>
    public void RegisterCommand(string functionNameOrArn, IReadOnlyList<string> command, string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (command.Count == 0 || string.IsNullOrEmpty(command[0]))
            throw new ArgumentException("A command needs at least a program.", nameof(command));
        Register(functionNameOrArn, new CommandLambdaFunction([.. command], workingDirectory));
    }

    /// <summary>Whether a key is registered exactly as given.</summary>
    public bool Contains(string functionNameOrArn) =>
        _byName.ContainsKey(functionNameOrArn) || _byArn.ContainsKey(functionNameOrArn);

    /// <summary>Checks a registry key: a bare function name or a full function ARN.</summary>
    internal static bool TryClassifyKey(string key, out bool isArn, out string? error)
    {
        error = null;
        isArn = key.StartsWith("arn:", StringComparison.Ordinal);
        if (isArn ? LambdaFunctionReference.TryParseArn(key, out _) : LambdaFunctionReference.IsName(key))
            return true;
        error = isArn
            ? $"'{key}' is not a Lambda function ARN (arn:aws:lambda:REGION:ACCOUNT:function:NAME[:QUALIFIER])."
            : $"'{key}' is not a function name (1-64 letters, digits, '-' or '_') nor a function ARN.";
        return false;
    }

    /// <summary>Finds the function a reference names; region and account default to the caller's.</summary>
    internal LambdaFunction? Find(LambdaFunctionReference reference, string region, string account)
    {
        if (!_byArn.IsEmpty)
        {
            var unqualified = reference.UnqualifiedArn
                ?? LambdaFunctionReference.BuildArn(reference.Partition ?? "aws", reference.Region ?? region, reference.Account ?? account, reference.Name);
            if (reference.Qualifier is not null
                && _byArn.TryGetValue(reference.QualifiedArn ?? unqualified + ":" + reference.Qualifier, out var qualified))
                return qualified;
            if (_byArn.TryGetValue(unqualified, out var byArn))
                return byArn;
        }

        return _byName.TryGetValue(reference.Name, out var byName) ? byName : null;
    }
}
