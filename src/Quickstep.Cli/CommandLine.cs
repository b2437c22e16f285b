using System.CommandLine;
using System.CommandLine.Parsing;

namespace Quickstep.Cli;

/// <summary>
/// `quickstep COMMAND …`: one System.CommandLine tree (each command built by its *Command class), so every
/// command parses, reports errors, prints `--help` and completes (the [suggest] directive) the same way.
/// </summary>
internal static class CommandLine
{
    public const int ExitOk = 0;
    public const int ExitFailed = 1;
    public const int ExitUsage = 2;

    private const string UnrecognizedToken = "Unrecognized command or argument";

    /// <summary>The whole command tree; built per call, so that nothing is shared between runs.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("Quickstep runs Amazon States Language workflows with the semantics of AWS Step Functions Express Workflows.")
        {
            ServeCommand.Create(),
            UsageCommand.Create(),
            TriggersCommand.Create(),
            BenchCommand.Create(),
            ValidateCommand.Create(),
            RunCommand.Create(),
            TestCommand.Create(),
            GraphCommand.Create(),
        };
        return root;
    }

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var invocation = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // serve stops on Ctrl+C/SIGTERM by itself; the parser must not end the process first.
            ProcessTerminationTimeout = null,
        };
        if (args.Length == 0)
        {
            // A bare `quickstep` is a usage error: the overview goes to stderr.
            await Parse(["--help"]).InvokeAsync(new InvocationConfiguration { Output = stderr, Error = stderr }).ConfigureAwait(false);
            return ExitUsage;
        }

        // `quickstep help [COMMAND]` is `quickstep [COMMAND] --help`.
        if (args[0] == "help")
            args = [.. args[1..], "--help"];

        var result = Parse(args);
        if ((result.Errors.Count > 0 || OptionLikeArguments(result).Count > 0) && result.Action is not { ClearsParseErrors: true })
        {
            await ReportAsync(result, stderr).ConfigureAwait(false);
            return ExitUsage;
        }

        return await result.InvokeAsync(invocation).ConfigureAwait(false);
    }

    // "@file" stays a file name: response files would change what existing command lines mean.
    private static ParseResult Parse(IReadOnlyList<string> args) =>
        Build().Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });

    /// <summary>
    /// Unknown options that a command's FILE... argument took as values (System.CommandLine lets an argument
    /// take any token); after `--` every token is a file.
    /// </summary>
    private static List<string> OptionLikeArguments(ParseResult result)
    {
        var end = result.Tokens.Count;
        for (var i = 0; i < result.Tokens.Count; i++)
        {
            if (result.Tokens[i].Type == TokenType.DoubleDash)
            {
                end = i;
                break;
            }
        }

        var found = new List<string>();
        foreach (var argument in result.CommandResult.Children.OfType<ArgumentResult>())
        {
            foreach (var token in argument.Tokens)
            {
                var v = token.Value;
                var position = IndexOf(result.Tokens, token);
                if (v.Length > 1 && v[0] == '-' && (v[1] == '-' || char.IsAsciiLetter(v[1])) && position >= 0 && position < end)
                    found.Add(v);
            }
        }

        return found;
    }

    private static int IndexOf(IReadOnlyList<Token> tokens, Token token)
    {
        for (var i = 0; i < tokens.Count; i++)
        {
            if (ReferenceEquals(tokens[i], token))
                return i;
        }

        return -1;
    }

    /// <summary>Prints `quickstep CMD: problem` per problem, then the command's synopsis.</summary>
    private static async Task ReportAsync(ParseResult result, TextWriter stderr)
    {
        var command = result.CommandResult.Command;
        var atRoot = command is RootCommand;
        var prefix = atRoot ? "quickstep" : "quickstep " + command.Name;
        var problems = new List<string>();
        foreach (var token in OptionLikeArguments(result))
            problems.Add($"unknown option '{token}'");
        foreach (var token in result.UnmatchedTokens)
        {
            if (atRoot && problems.Count == 0 && !token.StartsWith('-'))
                problems.Add($"unknown command '{token}'");
            else
                problems.Add(token.StartsWith('-') && token.Length > 1 ? $"unknown option '{token}'" : $"unexpected argument '{token}'");
        }

        // An unknown command also makes "Required command was not provided": one message is enough.
        foreach (var error in atRoot && problems.Count > 0 ? [] : result.Errors)
        {
            if (!error.Message.StartsWith(UnrecognizedToken, StringComparison.Ordinal))
                problems.Add(error.Message);
        }

        foreach (var problem in problems.Distinct(StringComparer.Ordinal))
            await stderr.WriteLineAsync($"{prefix}: {problem}").ConfigureAwait(false);
        var usage = command.Name switch
        {
            "serve" => ServeCommand.Usage,
            "usage" => UsageCommand.Usage,
            "triggers" => TriggersCommand.Usage,
            "bench" => BenchCommand.Usage,
            "validate" => ValidateCommand.Usage,
            "run" => RunCommand.Usage,
            "test" => TestCommand.Usage,
            "graph" => GraphCommand.Usage,
            _ => "usage: quickstep serve|usage|triggers|test|bench|validate|run|graph [options]",
        };
        await stderr.WriteLineAsync(usage).ConfigureAwait(false);
        await stderr.WriteLineAsync($"('{prefix} --help' describes every option)").ConfigureAwait(false);
    }
}
