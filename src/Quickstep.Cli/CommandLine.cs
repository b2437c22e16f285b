namespace Quickstep.Cli;

/// <summary>Dispatches `quickstep COMMAND …`; each command lives in its own *Command class.</summary>
internal static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    private const string Usage = """
        usage: quickstep <command> [options]

        commands:
          serve [--port 8083] [--host 127.0.0.1] [--db ./.quickstep/quickstep.db] [--functions FILE] …
                                                  the Step Functions API server (see docs/server.md)
          usage [--db FILE]                       per state machine executions, billed duration and cost
          bench DEFINITION --input-file FILE [--seconds S] [--warmup S] [--concurrency N]
              [--mock-config FILE --test-case NAME] [--echo-functions]
                                                  run executions back to back on a fast clock
          validate FILE... [--format text|json]   check definitions, print diagnostics
          run DEFINITION_FILE [--input JSON | --input-file FILE] [--functions FILE]
              [--mock-config FILE --test-case NAME] [--fast-clock] [--name NAME] [--history]
              [--log-level ALL|ERROR|FATAL|OFF] [--log-file FILE] [--include-execution-data]
              [--type EXPRESS|STANDARD]
                                                  run one execution, print its result as JSON
        """;

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            await stderr.WriteLineAsync(Usage).ConfigureAwait(false);
            return args.Length == 0 ? ExitUsage : ExitOk;
        }

        var rest = args[1..];
        switch (args[0])
        {
            case "validate":
                return await ValidateCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "run":
                return await RunCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "bench":
                return await BenchCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "serve":
                return await ServeCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            case "usage":
                return await UsageCommand.RunAsync(rest, stdout, stderr).ConfigureAwait(false);
            default:
                await stderr.WriteLineAsync($"quickstep: unknown command '{args[0]}'\n{Usage}").ConfigureAwait(false);
                return ExitUsage;
        }
    }
}
