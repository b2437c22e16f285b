using System.Globalization;

namespace Quickstep.Cli;

/// <summary>The parsed arguments of `quickstep bench`.</summary>
internal sealed class BenchArguments
{
    public string DefinitionFile { get; private set; } = "";

    public string? InputFile { get; private set; }

    /// <summary>Measured seconds. Default 5.</summary>
    public double Seconds { get; private set; } = 5;

    /// <summary>Warm-up seconds, run before measuring and not counted. Default 1.</summary>
    public double Warmup { get; private set; } = 1;

    /// <summary>Execution loops running at once. Default 1.</summary>
    public int Concurrency { get; private set; } = 1;

    public string? MockConfig { get; private set; }

    public string? TestCase { get; private set; }

    public bool EchoFunctions { get; private set; }

    /// <summary>Record every history event (log level ALL); default off.</summary>
    public bool History { get; private set; }

    public string? Name { get; private set; }

    public static BenchArguments Parse(string[] args)
    {
        var a = new BenchArguments();
        string? definition = null;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--input-file":
                    a.InputFile = OptionReader.Value(args, ref i);
                    break;
                case "--seconds":
                    a.Seconds = Number(args, ref i, 0.001);
                    break;
                case "--warmup":
                    a.Warmup = Number(args, ref i, 0);
                    break;
                case "--concurrency":
                    var n = Number(args, ref i, 1);
                    if (n != Math.Floor(n) || n > 4096)
                        throw new UsageException("--concurrency needs a whole number from 1 to 4096");
                    a.Concurrency = (int)n;
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
                case "--echo-functions":
                    a.EchoFunctions = true;
                    break;
                case "--history":
                    a.History = true;
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

        a.DefinitionFile = definition ?? throw new UsageException("missing DEFINITION");
        if (a.InputFile is null)
            throw new UsageException("missing --input-file FILE");
        if ((a.MockConfig is null) != (a.TestCase is null))
            throw new UsageException("--mock-config and --test-case go together");
        return a;
    }


    private static double Number(string[] args, ref int i, double min)
    {
        var name = args[i];
        var text = OptionReader.Value(args, ref i);
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) || !double.IsFinite(v) || v < min)
            throw new UsageException($"{name} needs a number ≥ {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
        return v;
    }
}
