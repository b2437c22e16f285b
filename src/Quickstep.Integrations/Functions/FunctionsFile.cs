using Quickstep.Json;

namespace Quickstep.Integrations.Functions;

/// <summary>
/// Reads the CLI's <c>--functions FILE</c>:
/// <code>{"functions": {"&lt;function name or ARN&gt;": {"command": ["prog", "arg", …]}}}</code>
/// Every problem is collected before failing with <see cref="FunctionsFileException"/>. Commands of
/// a file run in the file's directory, so <c>./fn.sh</c> means the script beside the file.
/// </summary>
public static class FunctionsFile
{
    /// <summary>Reads <paramref name="path"/> and registers its functions in <paramref name="registry"/>.</summary>
    public static void LoadInto(LambdaFunctionRegistry registry, string path)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(path);
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new FunctionsFileException(path, [$"cannot read the file: {ex.Message}"]);
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        ParseInto(registry, text, path, directory);
    }

    /// <summary>Parses functions-file text and registers its functions (nothing is registered if any is invalid).</summary>
    /// <param name="source">Names the text in error messages.</param>
    /// <param name="workingDirectory">The commands' working directory; default: the current one.</param>
    public static void ParseInto(LambdaFunctionRegistry registry, string json, string source = "functions file", string? workingDirectory = null)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(json);
        if (!JsonText.TryParse(json, out var root, out var parseError) || root is null)
            throw new FunctionsFileException(source, [$"not valid JSON: {parseError}"]);

        var errors = new List<string>();
        var commands = new List<(string Key, string[] Command)>();
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

        if (!rootObject.TryGetValue("functions", out var functionsValue))
            errors.Add("the field 'functions' is missing.");
        else if (functionsValue is not JObject functions)
            errors.Add($"'functions' must be an object of function name or ARN → {{\"command\": [...]}}, not {functionsValue.TypeName}.");
        else
            ReadFunctions(functions, errors, commands);

        if (errors.Count > 0)
            throw new FunctionsFileException(source, errors);
        foreach (var (key, command) in commands)
            registry.RegisterCommand(key, command, workingDirectory);
    }

    private static void ReadFunctions(JObject functions, List<string> errors, List<(string, string[])> commands)
    {
        foreach (var (key, value) in functions.AsSpan())
        {
            var where = $"functions['{key}']";
            if (!LambdaFunctionRegistry.TryClassifyKey(key, out _, out var keyError))
                errors.Add($"{where}: {keyError}");
            if (value is not JObject spec)
            {
                errors.Add($"{where} must be an object {{\"command\": [\"prog\", \"arg\", …]}}, not {value.TypeName}.");
                continue;
            }

            foreach (var field in spec.AsSpan())
            {
                if (field.Key != "command")
                    errors.Add($"{where}: unknown field '{field.Key}' (expected 'command').");
            }

            if (!spec.TryGetValue("command", out var commandValue))
            {
                errors.Add($"{where}: the field 'command' is missing.");
                continue;
            }

            if (commandValue is not JArray { Count: > 0 } array)
            {
                errors.Add($"{where}.command must be a non-empty array of strings: the program, then its arguments (no shell).");
                continue;
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
                    errors.Add($"{where}.command[{i}] must be a {(i == 0 ? "non-empty " : string.Empty)}string, not {array[i].TypeName}.");
                    ok = false;
                }
            }

            if (ok)
                commands.Add((key, command));
        }
    }
}
