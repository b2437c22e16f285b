using System.CommandLine;
using System.Text;
using Quickstep.Engine;
using Quickstep.Engine.History;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep run DEFINITION_FILE …`: runs one execution and prints exactly one JSON object
/// {"status", "output"} or {"status", "error", "cause"}; log records (one JSON object per line) go to
/// the log file, or to stdout before that object. Exit 0 SUCCEEDED, 1 FAILED/TIMED_OUT, 2 invalid
/// definition, input or arguments.
/// </summary>
internal static class RunCommand
{
    public const string Usage = """
        usage: quickstep run DEFINITION_FILE [--input JSON | --input-file FILE] [--functions FILE] [--config FILE]
                             [--mock-config FILE --test-case NAME] [--fast-clock] [--name NAME] [--history]
                             [--log-level ALL|ERROR|FATAL|OFF] [--log-file FILE] [--include-execution-data]
                             [--type EXPRESS|STANDARD]
        """;

    public static Command Create()
    {
        var definition = new Argument<string>("DEFINITION_FILE") { Description = "The ASL definition (JSON) to run." };
        var input = CliOptions.Text("--input", "JSON", "The execution input as JSON text (default {}).");
        var inputFile = CliOptions.File("--input-file", "Read the execution input from FILE.");
        var functions = CliOptions.File("--functions", "Answer Lambda tasks with the functions of FILE: {\"functions\": {\"NAME or ARN\": {\"command\": [\"prog\", …]}}} (see docs/functions.md).");
        var config = CliOptions.File("--config", "Answer Lambda tasks with the functions section of a configuration file (docs/configuration.md).");
        var (mockConfig, testCase) = CliOptions.MockConfig();
        var fastClock = new Option<bool>("--fast-clock") { Description = "Waits and retry backoff elapse at once; $$ times advance as if they had waited." };
        var name = CliOptions.Text("--name", "NAME", "The state machine's name (default: the file name without extensions).");
        var history = new Option<bool>("--history") { Description = "Add \"history\": [events] in GetExecutionHistory's shape." };
        var logLevel = new Option<ExecutionLogLevel?>("--log-level")
        {
            Description = "Write the Express log records AWS would send to CloudWatch Logs at this level, one JSON object per line.",
            HelpName = "ALL|ERROR|FATAL|OFF",
            CustomParser = r => ExpressLog.ParseLevel(r.Tokens[0].Value)
                ?? CliOptions.Fail<ExecutionLogLevel?>(r, $"--log-level must be ALL, ERROR, FATAL or OFF, not '{r.Tokens[0].Value}'"),
        };
        logLevel.CompletionSources.Clear(); // the enum's own names would be offered too, in another case
        logLevel.CompletionSources.Add("ALL", "ERROR", "FATAL", "OFF");
        var logFile = CliOptions.File("--log-file", "Append the log records to FILE instead of stdout (alone, it means --log-level ALL).");
        var includeData = new Option<bool>("--include-execution-data") { Description = "Keep states' input and output in the log records (AWS's includeExecutionData)." };
        var type = CliOptions.Type("STANDARD gives a Standard execution's ARN shape and lifts the Express-only creation rules.");

        var command = new Command("run", "Run one execution and print its result as one JSON object.")
        {
            definition, input, inputFile, functions, config, mockConfig, testCase, fastClock, name, history, logLevel, logFile, includeData, type,
        };
        command.Validators.Add(r =>
        {
            if (r.GetResult(input) is not null && r.GetResult(inputFile) is not null)
                r.AddError("give --input or --input-file, not both");
        });
        CliOptions.Together(command, mockConfig, testCase);
        command.SetAction((r, _) => ExecuteAsync(
            new RunArguments
            {
                DefinitionFile = r.GetRequiredValue(definition),
                Input = r.GetValue(input),
                InputFile = r.GetValue(inputFile),
                FunctionsFile = r.GetValue(functions),
                ConfigFile = r.GetValue(config),
                MockConfig = r.GetValue(mockConfig),
                TestCase = r.GetValue(testCase),
                Name = r.GetValue(name),
                FastClock = r.GetValue(fastClock),
                History = r.GetValue(history),
                // A log file without a level logs everything.
                LogLevel = r.GetValue(logLevel) ?? (r.GetValue(logFile) is null ? null : ExecutionLogLevel.All),
                LogFile = r.GetValue(logFile),
                IncludeExecutionData = r.GetValue(includeData),
                Type = r.GetValue(type) ?? StateMachineType.Express,
            },
            r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the execution <paramref name="a"/> describes and prints its one JSON object.</summary>
    public static async Task<int> ExecuteAsync(RunArguments a, TextWriter stdout, TextWriter stderr)
    {
        string definition;
        try
        {
            definition = await File.ReadAllTextAsync(a.DefinitionFile).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"quickstep run: cannot read {a.DefinitionFile}: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        JValue input;
        try
        {
            var text = a.InputFile is not null ? await File.ReadAllTextAsync(a.InputFile).ConfigureAwait(false) : a.Input ?? "{}";
            input = JsonText.Parse(text);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonTextException)
        {
            await Print(stdout, Result("INVALID_INPUT", null, "InvalidExecutionInput", e.Message)).ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var registry = new LambdaFunctionRegistry();
        // Stops the functions' worker processes when the run ends.
        await using var registryScope = registry.ConfigureAwait(false);
        IResourceHandler handler;
        var fast = a.FastClock ? new VirtualTimeProvider(DateTimeOffset.UtcNow) : null;
        TimeProvider clock = fast ?? TimeProvider.System;
        // Functions are real work: their own Lambda timeouts run on real time, also under --fast-clock (see IdleTracker).
        var functionHost = new FunctionHostOptions { TimeProvider = TimeProvider.System };
        try
        {
            if (a.ConfigFile is not null)
                FunctionsFile.LoadConfigSectionInto(registry, a.ConfigFile, functionHost);
            if (a.FunctionsFile is not null)
                FunctionsFile.LoadInto(registry, a.FunctionsFile, functionHost);
            handler = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock });
            if (a.MockConfig is not null)
                handler = new MockingResourceHandler(MockConfig.Load(a.MockConfig), handler);
        }
        catch (Exception e) when (e is FunctionsFileException or MockConfigException or IOException)
        {
            await stderr.WriteLineAsync($"quickstep run: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = fast?.IdleTracker, ResourceHandlers = [handler] });
        StateMachine machine;
        try
        {
            machine = engine.Load(definition, a.Name ?? MachineName(a.DefinitionFile), a.Type);
        }
        catch (InvalidDefinitionException e)
        {
            await Print(stdout, Result("INVALID_DEFINITION", null, "InvalidDefinition", e.Message)).ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var executionName = Guid.NewGuid().ToString();
        var executionArn = machine.ExecutionArn(executionName);
        ExecutionResult result;
        TextWriter? logFile = null;
        try
        {
            ExpressLogWriter? log = null;
            if (a.LogLevel is { } level and not ExecutionLogLevel.Off)
            {
                if (a.LogFile is not null)
                    logFile = new StreamWriter(a.LogFile, append: true, new UTF8Encoding(false));
                log = new ExpressLogWriter(logFile ?? stdout, level, a.IncludeExecutionData, executionArn);
            }

            var options = new ExecutionOptions { Name = executionName, ExecutionArn = executionArn, TestCase = a.TestCase, RecordHistory = a.History, HistorySink = log };
            result = await machine.ExecuteAsync(input, options).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"quickstep run: cannot write {a.LogFile}: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }
        finally
        {
            if (logFile is not null)
                await logFile.DisposeAsync().ConfigureAwait(false);
        }

        var json = result.Status == ExecutionStatus.Succeeded
            ? Result(result.StatusText, result.Output, null, null)
            : Result(result.StatusText, null, result.Error, result.Cause);
        if (a.History && result.History is not null)
            json = json.With("history", JArray.Create(result.History.Select(h => (JValue)h.ToJson())));
        await Print(stdout, json).ConfigureAwait(false);
        return result.Status == ExecutionStatus.Succeeded ? CommandLine.ExitOk : CommandLine.ExitFailed;
    }

    /// <summary>The file name without its extensions: "w6-retry-catch.asl.json" → "w6-retry-catch".</summary>
    public static string MachineName(string path)
    {
        var file = Path.GetFileName(path);
        var dot = file.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 ? file[..dot] : file;
    }

    private static JObject Result(string status, JValue? output, string? error, string? cause)
    {
        var b = new JObjectBuilder(3).AddUnique("status", JValue.FromString(status));
        if (output is not null)
            b.AddUnique("output", output);
        if (error is not null)
            b.AddUnique("error", JValue.FromString(error));
        if (cause is not null)
            b.AddUnique("cause", JValue.FromString(cause));
        return b.Build();
    }

    private static Task Print(TextWriter stdout, JValue json) => stdout.WriteLineAsync(json.ToString());
}
