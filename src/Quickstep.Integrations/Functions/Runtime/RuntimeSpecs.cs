using System.Globalization;

namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>Turns a runtime or worker definition into how its workers start, with the environment Lambda gives a function.</summary>
internal static class RuntimeSpecs
{
    public static RuntimeWorkerSpec Create(string key, FunctionDefinition definition, FunctionHostOptions options)
    {
        var name = key;
        var arn = LambdaFunctionReference.BuildArn("aws", options.Region, options.AccountId, key);
        if (key.StartsWith("arn:", StringComparison.Ordinal) && LambdaFunctionReference.TryParseArn(key, out var reference))
        {
            name = reference.Name;
            arn = reference.UnqualifiedArn!;
        }

        var baseDirectory = options.BaseDirectory ?? Directory.GetCurrentDirectory();
        var codeDirectory = definition.CodeDirectory is { } dir ? Path.GetFullPath(Path.Combine(baseDirectory, dir)) : baseDirectory;
        string program;
        IReadOnlyList<string> arguments;
        var executionEnv = "AWS_Lambda_quickstep";
        var handler = definition.Handler ?? string.Empty;
        if (definition.Kind == FunctionKind.Runtime)
        {
            (program, var bootstrap, executionEnv) = definition.Runtime switch
            {
                "nodejs" => ("node", "bootstrap.mjs", "AWS_Lambda_nodejs"),
                "python" => ("python3", "bootstrap.py", "AWS_Lambda_python3"),
                _ => throw new ArgumentException($"Unknown runtime '{definition.Runtime}': expected nodejs or python.", nameof(definition)),
            };
            arguments = [Path.Combine(options.BootstrapDirectory, bootstrap)];
        }
        else
        {
            if (definition.Worker.Count == 0)
                throw new ArgumentException("A worker function needs a program.", nameof(definition));
            program = CommandLambdaFunction.ResolveProgram(definition.Worker[0], codeDirectory);
            arguments = [.. definition.Worker.Skip(1)];
        }

        var settings = definition.Settings;
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_LAMBDA_FUNCTION_NAME"] = name,
            ["AWS_LAMBDA_FUNCTION_VERSION"] = "$LATEST",
            ["AWS_LAMBDA_FUNCTION_MEMORY_SIZE"] = settings.MemorySize.ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_FUNCTION_TIMEOUT"] = ((int)Math.Ceiling(settings.TimeoutSeconds)).ToString(CultureInfo.InvariantCulture),
            ["AWS_LAMBDA_LOG_GROUP_NAME"] = "/aws/lambda/" + name,
            ["AWS_LAMBDA_LOG_STREAM_NAME"] = options.TimeProvider.GetUtcNow().ToString("yyyy/MM/dd", CultureInfo.InvariantCulture) + "/[$LATEST]quickstep",
            ["AWS_LAMBDA_INITIALIZATION_TYPE"] = "on-demand",
            ["AWS_EXECUTION_ENV"] = executionEnv,
            ["AWS_REGION"] = options.Region,
            ["AWS_DEFAULT_REGION"] = options.Region,
            ["LAMBDA_TASK_ROOT"] = codeDirectory,
            ["LAMBDA_RUNTIME_DIR"] = options.BootstrapDirectory,
            ["_HANDLER"] = handler,
            ["PYTHONUNBUFFERED"] = "1",
        };
        foreach (var (variable, value) in settings.Environment)
            environment[variable] = value;
        return new RuntimeWorkerSpec
        {
            FunctionName = name,
            FunctionArn = arn,
            Program = program,
            Arguments = arguments,
            WorkingDirectory = codeDirectory,
            Environment = environment,
            Settings = settings,
            PrintsEndMarker = definition.Kind == FunctionKind.Runtime,
            Log = options.Log,
        };
    }
}
