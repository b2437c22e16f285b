namespace Quickstep.Cli;

/// <summary>`quickstep validate FILE... [--format text|json]`. STUB: being written.</summary>
internal static class ValidateCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        await stderr.WriteLineAsync("validate: not implemented yet").ConfigureAwait(false);
        return args.Length == 0 ? CommandLine.ExitUsage : CommandLine.ExitFailed;
    }
}
