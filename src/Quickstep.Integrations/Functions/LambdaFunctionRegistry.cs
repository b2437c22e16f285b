using System.Collections.Concurrent;
using Quickstep.Integrations.Functions.Runtime;
using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// The functions Task states can call, by function name or full ARN. A bare name (<c>"MyFn"</c>)
/// serves every ARN of that name, in any region and account, with or without a version or alias
/// qualifier; a full-ARN key serves that function only (an unqualified ARN key also serves its
/// qualified ARNs). Where both match, the ARN key wins. Registering a key again replaces it.
/// Thread-safe; register before running executions. Disposing it stops the functions' worker processes.
/// </summary>
public sealed class LambdaFunctionRegistry : IAsyncDisposable
{
    private static readonly Lazy<HttpClient> SharedHttp = new(() => new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    });

    private readonly ConcurrentDictionary<string, RegisteredFunction> _byName = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, RegisteredFunction> _byArn = new(StringComparer.Ordinal);

    /// <summary>Every registered function, in no particular order.</summary>
    public IReadOnlyList<RegisteredFunction> Functions => [.. _byArn.Values, .. _byName.Values];

    /// <summary>Registers an in-process function with Lambda's limits (timeout, concurrency) of <paramref name="settings"/>.</summary>
    public void Register(string functionNameOrArn, Func<JValue, CancellationToken, ValueTask<JValue>> function, FunctionSettings settings, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        ArgumentNullException.ThrowIfNull(settings);
        Add(functionNameOrArn, new LimitedLambdaFunction(new DelegateLambdaFunction(function), settings, time ?? TimeProvider.System), FunctionKind.InProcess, settings, null);
    }

    /// <summary>
    /// Registers a function of a <c>functions</c> section: a command, a url, Lambda handler code run by a runtime
    /// worker, or a Runtime API worker program. Runtime workers start on the first call.
    /// </summary>
    public void Register(string functionNameOrArn, FunctionDefinition definition, FunctionHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        options ??= new FunctionHostOptions();
        if (!TryClassifyKey(functionNameOrArn, out _, out var error))
            throw new ArgumentException(error, nameof(functionNameOrArn));
        var settings = definition.Settings;
        var baseDirectory = options.BaseDirectory;
        LambdaFunction function = definition.Kind switch
        {
            FunctionKind.Command => new LimitedLambdaFunction(new CommandLambdaFunction([.. definition.Command], baseDirectory, settings.Environment), settings, options.TimeProvider),
            FunctionKind.Url => new LimitedLambdaFunction(new UrlLambdaFunction(definition.Url ?? throw new ArgumentException("A url function needs a Url.", nameof(definition)), options.Http ?? SharedHttp.Value), settings, options.TimeProvider),
            FunctionKind.Runtime or FunctionKind.Worker => new RuntimeWorkerFunction(RuntimeSpecs.Create(functionNameOrArn, definition, options), options.TimeProvider),
            _ => throw new ArgumentException($"A definition cannot be of kind {definition.Kind}; register the delegate instead.", nameof(definition)),
        };
        Add(functionNameOrArn, function, definition.Kind, settings, definition);
    }

    /// <summary>Registers an in-process async function. Throw <see cref="LambdaFunctionException"/> to fail.</summary>
    public void Register(string functionNameOrArn, Func<JValue, CancellationToken, ValueTask<JValue>> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Register(functionNameOrArn, new DelegateLambdaFunction(function));
    }

    /// <summary>Registers an in-process synchronous function. Throw <see cref="LambdaFunctionException"/> to fail.</summary>
    public void Register(string functionNameOrArn, Func<JValue, JValue> function)
    {
        ArgumentNullException.ThrowIfNull(function);
        Register(functionNameOrArn, new DelegateLambdaFunction((payload, _) => new ValueTask<JValue>(function(payload))));
    }

    /// <summary>Registers a function object (for results that fail without throwing, or custom transports).</summary>
    public void Register(string functionNameOrArn, LambdaFunction function)
    {
        ArgumentNullException.ThrowIfNull(functionNameOrArn);
        ArgumentNullException.ThrowIfNull(function);
        Add(functionNameOrArn, function, FunctionKind.InProcess, FunctionSettings.Default, null);
    }

    private void Add(string functionNameOrArn, LambdaFunction function, FunctionKind kind, FunctionSettings settings, FunctionDefinition? definition)
    {
        if (!TryClassifyKey(functionNameOrArn, out var isArn, out var error))
            throw new ArgumentException(error, nameof(functionNameOrArn));
        var entry = new RegisteredFunction(functionNameOrArn, function, kind, settings, definition);
        if ((isArn ? _byArn : _byName).TryGetValue(functionNameOrArn, out var replaced) && replaced.Function is IAsyncDisposable disposable)
            _ = disposable.DisposeAsync().AsTask();
        (isArn ? _byArn : _byName)[functionNameOrArn] = entry;
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
        Add(functionNameOrArn, new CommandLambdaFunction([.. command], workingDirectory), FunctionKind.Command, FunctionSettings.Default,
            new FunctionDefinition { Kind = FunctionKind.Command, Command = [.. command] });
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
    internal LambdaFunction? Find(LambdaFunctionReference reference, string region, string account) =>
        FindEntry(reference, region, account)?.Function;

    /// <summary>Finds the registered function a reference names; region and account default to the caller's.</summary>
    internal RegisteredFunction? FindEntry(LambdaFunctionReference reference, string region, string account)
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

    public async ValueTask DisposeAsync()
    {
        foreach (var entry in Functions)
        {
            if (entry.Function is IAsyncDisposable disposable)
                await disposable.DisposeAsync().ConfigureAwait(false);
        }
    }
}
