namespace Quickstep.Cli;

/// <summary>The parsed arguments of `quickstep run`.</summary>
internal sealed class RunArguments
{
    public string DefinitionFile { get; private set; } = "";

    public string? Input { get; private set; }

    public string? InputFile { get; private set; }

    public string? FunctionsFile { get; private set; }

    public string? MockConfig { get; private set; }

    public string? TestCase { get; private set; }

    public string? Name { get; private set; }

    public bool FastClock { get; private set; }

    public bool History { get; private set; }

    /// <summary>Express log level for the log records (--log-level); null when no log was asked for.</summary>
    public Engine.History.ExecutionLogLevel? LogLevel { get; private set; }

    /// <summary>A JSON-lines file the log records are appended to; null writes them to stdout.</summary>
    public string? LogFile { get; private set; }

    /// <summary>Keep input and output in the log records (AWS's includeExecutionData).</summary>
    public bool IncludeExecutionData { get; private set; }

    /// <summary>EXPRESS (default) or STANDARD: the ARN shapes and creation rules of that type.</summary>
    public Engine.StateMachineType Type { get; private set; } = Engine.StateMachineType.Express;

    public static RunArguments Parse(string[] args)
    {
        var a = new RunArguments();
        string? definition = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--input":
                    a.Input = OptionReader.Value(args, ref i);
                    break;
                case "--input-file":
                    a.InputFile = OptionReader.Value(args, ref i);
                    break;
                case "--functions":
                    a.FunctionsFile = OptionReader.Value(args, ref i);
                    break;
                case "--mock-config":
                    a.MockConfig = OptionReader.Value(args, ref i);
                    break;
                case "--test-case":
                    a.TestCase = OptionReader.Value(args, ref i);
                    break;
                case "--name":
                    a.Name = OptionReader.Value(args, ref i);
                    break;
                case "--fast-clock":
                    a.FastClock = true;
                    break;
                case "--history":
                    a.History = true;
                    break;
                case "--log-level":
                    var level = OptionReader.Value(args, ref i);
                    a.LogLevel = Engine.History.ExpressLog.ParseLevel(level) ?? throw new UsageException($"--log-level must be ALL, ERROR, FATAL or OFF, not '{level}'");
                    break;
                case "--log-file":
                    a.LogFile = OptionReader.Value(args, ref i);
                    break;
                case "--include-execution-data":
                    a.IncludeExecutionData = true;
                    break;
                case "--type":
                    a.Type = OptionReader.Value(args, ref i).ToUpperInvariant() switch
                    {
                        "EXPRESS" => Engine.StateMachineType.Express,
                        "STANDARD" => Engine.StateMachineType.Standard,
                        var t => throw new UsageException($"--type must be EXPRESS or STANDARD, not '{t}'"),
                    };
                    break;
                default:
                    if (arg.StartsWith("--", StringComparison.Ordinal))
                        throw new UsageException($"unknown option '{arg}'");
                    if (definition is not null)
                        throw new UsageException($"unexpected argument '{arg}'");
                    definition = arg;
                    break;
            }
        }

        a.DefinitionFile = definition ?? throw new UsageException("missing DEFINITION_FILE");
        if (a.Input is not null && a.InputFile is not null)
            throw new UsageException("give --input or --input-file, not both");
        if ((a.MockConfig is null) != (a.TestCase is null))
            throw new UsageException("--mock-config and --test-case go together");
        // A log file without a level logs everything.
        if (a.LogFile is not null)
            a.LogLevel ??= Engine.History.ExecutionLogLevel.All;
        return a;
    }
}
