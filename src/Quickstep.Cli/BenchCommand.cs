using System.CommandLine;
using Quickstep.Engine;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Functions;
using Quickstep.Integrations.Mocking;
using Quickstep.Json;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep bench DEFINITION --input-file FILE [--seconds S] [--warmup S] [--concurrency N]
/// [--mock-config FILE --test-case NAME] [--echo-functions] [--name NAME] [--history] [--trace]`: runs
/// executions in-process back to back on a virtual clock (Waits and retry intervals take no real
/// time) in N concurrent loops, and prints one JSON object
/// {"executions", "seconds", "executionsPerSecond", "transitionsPerSecond", "output"}; output is
/// the last execution's, then "cpuSeconds" (process CPU time while measuring: on a shared machine
/// transitions / cpuSeconds at --concurrency 1 is the one-core rate) and "allocatedBytesPerExecution" (managed
/// allocations while measuring ÷ executions). Exit 1 when any execution did not succeed (its error goes to stderr).
/// </summary>
internal static class BenchCommand
{
    public const string Usage = """
        usage: quickstep bench DEFINITION --input-file FILE [--seconds S (5)] [--warmup S (1)]
                 [--concurrency N (1)] [--mock-config FILE --test-case NAME] [--echo-functions]
                 [--name NAME] [--history] [--trace]
        """;

    public static Command Create()
    {
        var definition = new Argument<string>("DEFINITION") { Description = "The ASL definition (JSON) to run." };
        var inputFile = CliOptions.File("--input-file", "Read every execution's input from FILE.");
        inputFile.Required = true;
        var seconds = CliOptions.Number("--seconds", "S", 0.001, 5, "Seconds measured.");
        var warmup = CliOptions.Number("--warmup", "S", 0, 1, "Seconds run before measuring, not counted.");
        var concurrency = new Option<int>("--concurrency")
        {
            Description = "Execution loops running at once.",
            HelpName = "N",
            DefaultValueFactory = _ => 1,
            CustomParser = r => int.TryParse(r.Tokens[0].Value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 4096
                ? n
                : CliOptions.Fail<int>(r, $"--concurrency needs a whole number from 1 to 4096, not '{r.Tokens[0].Value}'"),
        };
        var (mockConfig, testCase) = CliOptions.MockConfig();
        var echo = new Option<bool>("--echo-functions") { Description = "Every Lambda function returns its input." };
        var name = CliOptions.Text("--name", "NAME", "The state machine's name (default: the file name without extensions).");
        var history = new Option<bool>("--history") { Description = "Record every history event (log level ALL)." };
        var trace = new Option<bool>("--trace") { Description = "Record every span (an in-process listener samples all of them): the cost of tracing on." };

        var command = new Command(
            "bench",
            "Run executions back to back in-process on a virtual clock and print one JSON object: "
            + "executions, seconds, executionsPerSecond, transitionsPerSecond, output, cpuSeconds, allocatedBytesPerExecution.")
        {
            definition, inputFile, seconds, warmup, concurrency, mockConfig, testCase, echo, name, history, trace,
        };
        CliOptions.Together(command, mockConfig, testCase);
        command.SetAction((r, _) => ExecuteAsync(
            new BenchArguments
            {
                DefinitionFile = r.GetRequiredValue(definition),
                InputFile = r.GetRequiredValue(inputFile),
                Seconds = r.GetValue(seconds),
                Warmup = r.GetValue(warmup),
                Concurrency = r.GetValue(concurrency),
                MockConfig = r.GetValue(mockConfig),
                TestCase = r.GetValue(testCase),
                EchoFunctions = r.GetValue(echo),
                Name = r.GetValue(name),
                History = r.GetValue(history),
                Trace = r.GetValue(trace),
            },
            r.InvocationConfiguration.Output,
            r.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Runs the measurement <paramref name="a"/> describes and prints its one JSON object.</summary>
    public static async Task<int> ExecuteAsync(BenchArguments a, TextWriter stdout, TextWriter stderr)
    {
        string definition;
        JValue input;
        try
        {
            definition = await File.ReadAllTextAsync(a.DefinitionFile).ConfigureAwait(false);
            input = JsonText.Parse(await File.ReadAllTextAsync(a.InputFile).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonTextException)
        {
            await stderr.WriteLineAsync($"quickstep bench: {e.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        var clock = new VirtualTimeProvider();
        IResourceHandler handler = a.EchoFunctions
            ? new BenchEchoFunctions()
            : new LambdaResourceHandler(new LambdaFunctionRegistry(), new LambdaResourceHandlerOptions { TimeProvider = clock });
        MockingResourceHandler? mocking = null;
        if (a.MockConfig is not null)
        {
            try
            {
                handler = mocking = new MockingResourceHandler(MockConfig.Load(a.MockConfig), handler);
            }
            catch (Exception e) when (e is MockConfigException or IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"quickstep bench: {e.Message}").ConfigureAwait(false);
                return CommandLine.ExitUsage;
            }
        }

        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker, ResourceHandlers = [handler] });
        StateMachine machine;
        try
        {
            machine = engine.Load(definition, a.Name ?? RunCommand.MachineName(a.DefinitionFile));
        }
        catch (InvalidDefinitionException e)
        {
            foreach (var d in e.Diagnostics)
                await stderr.WriteLineAsync($"quickstep bench: {(d.Pointer.Length == 0 ? "/" : d.Pointer)}: {d.Message}").ConfigureAwait(false);
            return CommandLine.ExitUsage;
        }

        using var spans = a.Trace ? BenchTracing.Listen() : null;
        var runner = new BenchRunner(machine, input, new ExecutionOptions { TestCase = a.TestCase, RecordHistory = a.History }, mocking);
        if (a.Warmup > 0)
            await runner.RunAsync(a.Warmup, a.Concurrency).ConfigureAwait(false);
        var m = await runner.RunAsync(a.Seconds, a.Concurrency).ConfigureAwait(false);

        var json = new JObjectBuilder(7)
            .AddUnique("executions", JValue.FromNumber(m.Executions))
            .AddUnique("seconds", JValue.FromNumber(Math.Round(m.Seconds, 3)))
            .AddUnique("executionsPerSecond", JValue.FromNumber(Math.Round(m.ExecutionsPerSecond, 1)))
            .AddUnique("transitionsPerSecond", JValue.FromNumber(Math.Round(m.TransitionsPerSecond, 1)))
            .AddUnique("output", m.Last?.Output ?? JValue.Null)
            .AddUnique("cpuSeconds", JValue.FromNumber(Math.Round(m.CpuSeconds, 3)))
            .AddUnique("allocatedBytesPerExecution", JValue.FromNumber(m.Executions > 0 ? Math.Round((double)m.AllocatedBytes / m.Executions) : 0))
            .Build();
        await stdout.WriteLineAsync(json.ToString()).ConfigureAwait(false);
        if (m.LastFailure is { } f)
        {
            await stderr.WriteLineAsync($"quickstep bench: {m.NotSucceeded} of {m.Executions} executions did not succeed; the last ended {f.StatusText}: {f.Error}: {f.Cause}").ConfigureAwait(false);
            return CommandLine.ExitFailed;
        }

        return CommandLine.ExitOk;
    }
}
