using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// Reads a <c>functions</c> section, alone in a file (<c>--functions FILE</c>) or in the configuration file:
/// <code>{"functions": {"&lt;function name or ARN&gt;": {"command": [...]} | {"url": "http://…"} |
///   {"runtime": "nodejs"|"python", "handler": "index.handler", "codeDir": "DIR"} | {"worker": ["prog", …]},
///   each with optional "timeoutSeconds", "memorySize", "concurrency", "environment"}}</code>
/// Every problem is collected before failing with <see cref="FunctionsFileException"/>. Relative paths (commands,
/// code directories, workers) are relative to the file's directory.
/// </summary>
public static class FunctionsFile
{
    private static readonly string[] Kinds = ["command", "url", "runtime", "worker"];
    private static readonly string[] Members = ["command", "url", "runtime", "handler", "codeDir", "worker", "timeoutSeconds", "memorySize", "concurrency", "environment", "maximumRetryAttempts", "onFailure"];

    /// <summary>Reads <paramref name="path"/> and registers its functions in <paramref name="registry"/>.</summary>
    public static void LoadInto(LambdaFunctionRegistry registry, string path, FunctionHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(path);
        var text = ConfigFileText.Read(path, static (file, errors) => new FunctionsFileException(file, errors));

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        ParseInto(registry, text, path, directory, options);
    }

    /// <summary>
    /// Registers the <c>functions</c> section of a configuration file (<c>quickstep run --config FILE</c>); the file's
    /// other sections are the server's and are not read here. JSON with comments and trailing commas, as the server reads it.
    /// </summary>
    public static void LoadConfigSectionInto(LambdaFunctionRegistry registry, string path, FunctionHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(path);
        JValue section;
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllBytes(path),
                new System.Text.Json.JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = System.Text.Json.JsonCommentHandling.Skip, MaxDepth = 64 });
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object || !document.RootElement.TryGetProperty("functions", out var functions))
                return;
            using var buffer = new MemoryStream();
            using (var writer = new System.Text.Json.Utf8JsonWriter(buffer))
                functions.WriteTo(writer);
            section = JsonText.Parse(buffer.ToArray());
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            throw new FunctionsFileException(path, [$"cannot read the configuration file: {ex.Message}"]);
        }

        var errors = new List<string>();
        var definitions = ReadSection(section, errors);
        if (errors.Count > 0)
            throw new FunctionsFileException(path, errors);
        RegisterAll(registry, definitions, Path.GetDirectoryName(Path.GetFullPath(path)), options);
    }

    /// <summary>Parses functions-file text and registers its functions (nothing is registered if any is invalid).</summary>
    /// <param name="source">Names the text in error messages.</param>
    /// <param name="workingDirectory">What relative paths are relative to; default: the current directory.</param>
    public static void ParseInto(LambdaFunctionRegistry registry, string json, string source = "functions file", string? workingDirectory = null, FunctionHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(json);
        if (!JsonText.TryParse(json, out var root, out var parseError) || root is null)
            throw new FunctionsFileException(source, [$"not valid JSON: {parseError}"]);

        var errors = new List<string>();
        if (root is not JObject rootObject)
        {
            errors.Add($"the file must hold a JSON object {{\"functions\": {{…}}}}, not {root.TypeName}.");
            throw new FunctionsFileException(source, errors);
        }

        foreach (var property in rootObject.AsSpan())
        {
            if (property.Key != "functions")
                errors.Add($"unknown field '{property.Key}' at the top level (expected 'functions').");
        }

        IReadOnlyList<KeyValuePair<string, FunctionDefinition>> definitions = [];
        if (!rootObject.TryGetValue("functions", out var functionsValue))
            errors.Add("the field 'functions' is missing.");
        else
            definitions = ReadSection(functionsValue, errors);

        if (errors.Count > 0)
            throw new FunctionsFileException(source, errors);
        RegisterAll(registry, definitions, workingDirectory, options);
    }

    /// <summary>Registers what <see cref="ReadSection"/> read; relative paths are relative to <paramref name="baseDirectory"/>.</summary>
    public static void RegisterAll(LambdaFunctionRegistry registry, IReadOnlyList<KeyValuePair<string, FunctionDefinition>> definitions, string? baseDirectory, FunctionHostOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(definitions);
        options ??= new FunctionHostOptions();
        var withBase = new FunctionHostOptions
        {
            Region = options.Region,
            AccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            BaseDirectory = baseDirectory ?? options.BaseDirectory,
            BootstrapDirectory = options.BootstrapDirectory,
            Log = options.Log,
            Http = options.Http,
        };
        foreach (var (key, definition) in definitions)
        {
            if (definition.Kind == FunctionKind.Command && ReferenceEquals(definition.Settings, FunctionSettings.Default))
                registry.RegisterCommand(key, definition.Command, withBase.BaseDirectory);
            else
                registry.Register(key, definition, withBase);
        }
    }

    /// <summary>Reads the value of a <c>functions</c> member: name or ARN → definition; problems go to <paramref name="errors"/>.</summary>
    public static IReadOnlyList<KeyValuePair<string, FunctionDefinition>> ReadSection(JValue functions, List<string> errors)
    {
        ArgumentNullException.ThrowIfNull(functions);
        ArgumentNullException.ThrowIfNull(errors);
        var result = new List<KeyValuePair<string, FunctionDefinition>>();
        if (functions is not JObject map)
        {
            errors.Add($"'functions' must be an object of function name or ARN → {{\"command\": [...]}}, not {functions.TypeName}.");
            return result;
        }

        foreach (var (key, value) in map.AsSpan())
        {
            var where = $"functions['{key}']";
            if (!LambdaFunctionRegistry.TryClassifyKey(key, out _, out var keyError))
                errors.Add($"{where}: {keyError}");
            if (value is not JObject spec)
            {
                errors.Add($"{where} must be an object {{\"command\": [\"prog\", \"arg\", …]}}, not {value.TypeName}.");
                continue;
            }

            if (Read(spec, where, errors) is { } definition)
                result.Add(new(key, definition));
        }

        return result;
    }

    private static FunctionDefinition? Read(JObject spec, string where, List<string> errors)
    {
        var before = errors.Count;
        foreach (var field in spec.AsSpan())
        {
            if (Array.IndexOf(Members, field.Key) < 0)
                errors.Add($"{where}: unknown field '{field.Key}' (expected one of {string.Join(", ", Members)}).");
        }

        var kinds = Kinds.Where(spec.ContainsKey).ToList();
        if (kinds.Count == 0)
        {
            errors.Add($"{where}: the field 'command' is missing (or give 'url', 'runtime' or 'worker').");
            return null;
        }

        if (kinds.Count > 1)
        {
            errors.Add($"{where}: give only one of {string.Join(", ", kinds.Select(k => "'" + k + "'"))}.");
            return null;
        }

        var settings = Settings(spec, where, errors);
        FunctionDefinition? definition = null;
        switch (kinds[0])
        {
            case "command":
                if (Program(spec["command"]!, where + ".command", errors) is { } command)
                    definition = new FunctionDefinition { Kind = FunctionKind.Command, Command = command, Settings = settings };
                break;
            case "worker":
                // A worker's handler is the _HANDLER it gets, as Lambda sets it for a custom runtime (aws-lambda-ric reads it).
                if (Program(spec["worker"]!, where + ".worker", errors) is { } worker)
                    definition = new FunctionDefinition { Kind = FunctionKind.Worker, Worker = worker, CodeDirectory = OptionalString(spec, "codeDir", where, errors), Handler = OptionalString(spec, "handler", where, errors), Settings = settings };
                break;
            case "url":
                if (spec["url"] is not JString { Value: var text } || !Uri.TryCreate(text, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps))
                    errors.Add($"{where}.url must be an absolute http:// or https:// URL.");
                else
                    definition = new FunctionDefinition { Kind = FunctionKind.Url, Url = url, Settings = settings };
                break;
            default:
                var runtime = spec["runtime"] is JString { Value: "nodejs" or "python" } r ? r.Value : null;
                if (runtime is null)
                    errors.Add($"{where}.runtime must be \"nodejs\" or \"python\".");
                var handler = spec["handler"] is JString { Value.Length: > 0 } h && h.Value.Contains('.', StringComparison.Ordinal) ? h.Value : null;
                if (handler is null)
                    errors.Add($"{where}.handler is required: FILE.EXPORT (nodejs) or module.function (python), as Lambda's handler setting.");
                var codeDir = OptionalString(spec, "codeDir", where, errors);
                if (runtime is not null && handler is not null)
                    definition = new FunctionDefinition { Kind = FunctionKind.Runtime, Runtime = runtime, Handler = handler, CodeDirectory = codeDir ?? ".", Settings = settings };
                break;
        }

        if (kinds[0] != "runtime")
        {
            foreach (var member in kinds[0] == "worker" ? (string[])["runtime"] : ["handler", "runtime"])
            {
                if (spec.ContainsKey(member))
                    errors.Add($"{where}: '{member}' goes with 'runtime'{(member == "handler" ? " or 'worker'" : string.Empty)} only.");
            }
        }

        return errors.Count == before ? definition : null;
    }

    private static string? OptionalString(JObject spec, string member, string where, List<string> errors)
    {
        if (!spec.TryGetValue(member, out var value))
            return null;
        if (value is JString { Value.Length: > 0 } s)
            return s.Value;
        errors.Add($"{where}.{member} must be a non-empty string.");
        return null;
    }

    private static FunctionSettings Settings(JObject spec, string where, List<string> errors)
    {
        if (!spec.ContainsKey("timeoutSeconds") && !spec.ContainsKey("memorySize") && !spec.ContainsKey("concurrency") && !spec.ContainsKey("environment")
            && !spec.ContainsKey("maximumRetryAttempts") && !spec.ContainsKey("onFailure"))
            return FunctionSettings.Default;
        var defaults = FunctionSettings.Default;
        var timeout = Number(spec, "timeoutSeconds", where, errors, 0.001, 900) ?? defaults.TimeoutSeconds;
        var memory = Number(spec, "memorySize", where, errors, 128, 10240) is { } m ? (int)m : defaults.MemorySize;
        var concurrency = Number(spec, "concurrency", where, errors, 1, 1000) is { } c ? (int)c : defaults.Concurrency;
        var retries = Number(spec, "maximumRetryAttempts", where, errors, 0, 2) is { } a ? (int)a : defaults.MaximumRetryAttempts;
        var onFailure = OptionalString(spec, "onFailure", where, errors);
        if (onFailure is not null && !IsDestination(onFailure))
            errors.Add($"{where}.onFailure must be the ARN of an SQS queue, SNS topic, EventBridge event bus or Lambda function (arn:aws:sqs:REGION:ACCOUNT:NAME, …), as Lambda's on-failure destination.");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        if (spec.TryGetValue("environment", out var env))
        {
            if (env is not JObject variables)
            {
                errors.Add($"{where}.environment must be an object of strings.");
            }
            else
            {
                foreach (var (name, value) in variables.AsSpan())
                {
                    if (value is JString { Value: var text })
                        environment[name] = text;
                    else
                        errors.Add($"{where}.environment['{name}'] must be a string, not {value.TypeName}.");
                }
            }
        }

        return new FunctionSettings { TimeoutSeconds = timeout, MemorySize = memory, Concurrency = concurrency, Environment = environment, MaximumRetryAttempts = retries, OnFailure = onFailure };
    }

    private static bool IsDestination(string arn)
    {
        var parts = arn.Split(':', 6);
        return parts.Length == 6 && parts[0] == "arn" && parts[5].Length > 0
            && (parts[2] is "sqs" or "sns" || (parts[2] == "events" && parts[5].StartsWith("event-bus/", StringComparison.Ordinal)) || (parts[2] == "lambda" && parts[5].StartsWith("function:", StringComparison.Ordinal)));
    }

    private static double? Number(JObject spec, string member, string where, List<string> errors, double min, double max)
    {
        if (!spec.TryGetValue(member, out var value))
            return null;
        if (value is JNumber n && n.Value is var d && d >= min && d <= max && (member == "timeoutSeconds" || d == Math.Floor(d)))
            return d;
        errors.Add($"{where}.{member} must be {(member == "timeoutSeconds" ? "a number" : "an integer")} from {min} to {max}.");
        return null;
    }

    private static string[]? Program(JValue value, string where, List<string> errors)
    {
        if (value is not JArray { Count: > 0 } array)
        {
            errors.Add($"{where} must be a non-empty array of strings: the program, then its arguments (no shell).");
            return null;
        }

        var command = new string[array.Count];
        var ok = true;
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is JString { Value: var part } && (i > 0 || part.Length > 0))
            {
                command[i] = part;
            }
            else
            {
                errors.Add($"{where}[{i}] must be a {(i == 0 ? "non-empty " : string.Empty)}string, not {array[i].TypeName}.");
                ok = false;
            }
        }

        return ok ? command : null;
    }
}
