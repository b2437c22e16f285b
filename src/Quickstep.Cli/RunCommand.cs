using Quickstep.Asl.Json;
using System.Text;
using Quickstep.Engine;
using Quickstep.Engine.History;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep run DEFINITION_FILE [--input JSON | --input-file FILE] [--functions FILE]
/// [--mock-config FILE --test-case NAME] [--fast-clock] [--name NAME] [--history]
/// [--log-level ALL|ERROR|FATAL|OFF] [--log-file FILE] [--include-execution-data]`: runs one execution and
/// prints exactly one JSON object {"status", "output"} or {"status", "error", "cause"}; log records
/// (one JSON object per line) go to the log file, or to stdout before that object.
/// </summary>
internal static class RunCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        RunArguments a;
        try
        {
            a = RunArguments.Parse(args);
        }
        catch (UsageException e)
        {
            await stderr.WriteLineAsync($"quickstep run: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

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
        IResourceHandler handler;
        TimeProvider clock = a.FastClock ? new VirtualTimeProvider(DateTimeOffset.UtcNow) : TimeProvider.System;
        try
        {
            if (a.FunctionsFile is not null)
                FunctionsFile.LoadInto(registry, a.FunctionsFile);
            handler = new LambdaResourceHandler(registry, new LambdaResourceHandlerOptions { TimeProvider = clock });
            if (a.MockConfig is not null)
                handler = new MockingResourceHandler(MockConfig.Load(a.MockConfig), handler);
        }
        catch (Exception e) when (e is FunctionsFileException or MockConfigException or IOException)
        {
            await stderr.WriteLineAsync($"quickstep run: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, ResourceHandlers = [handler] });
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
