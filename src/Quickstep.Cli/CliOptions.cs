using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using Quickstep.Engine;

namespace Quickstep.Cli;

/// <summary>Option shapes more than one command uses, so that they parse and complete alike.</summary>
internal static class CliOptions
{
    /// <summary>An option taking a file name, shown as FILE.</summary>
    public static Option<string> File(string name, string description) =>
        new(name) { Description = description, HelpName = "FILE" };

    /// <summary>An option taking a word or text, shown as <paramref name="helpName"/>.</summary>
    public static Option<string> Text(string name, string helpName, string description) =>
        new(name) { Description = description, HelpName = helpName };

    /// <summary>`--type EXPRESS|STANDARD` (any case): the state machine type whose rules and ARN shapes apply.</summary>
    public static Option<StateMachineType?> Type(string description)
    {
        var option = new Option<StateMachineType?>("--type")
        {
            Description = description,
            HelpName = "EXPRESS|STANDARD",
            CustomParser = r => r.Tokens[0].Value.ToUpperInvariant() switch
            {
                "EXPRESS" => StateMachineType.Express,
                "STANDARD" => StateMachineType.Standard,
                _ => Fail<StateMachineType?>(r, $"--type must be EXPRESS or STANDARD, not '{r.Tokens[0].Value}'"),
            },
        };
        option.CompletionSources.Clear(); // the enum's own names would be offered too, in another case
        option.CompletionSources.Add("EXPRESS", "STANDARD");
        return option;
    }

    /// <summary>An option whose value is one of <paramref name="words"/> (any case; completed from them).</summary>
    public static Option<string> OneOf(string name, string description, params string[] words)
    {
        var option = new Option<string>(name)
        {
            Description = description,
            HelpName = string.Join('|', words),
            CustomParser = r => words.FirstOrDefault(w => string.Equals(w, r.Tokens[0].Value, StringComparison.OrdinalIgnoreCase))
                ?? Fail<string>(r, $"{name} must be {string.Join(" or ", words)}, not '{r.Tokens[0].Value}'"),
        };
        option.CompletionSources.Add(words);
        return option;
    }

    /// <summary>A number of at least <paramref name="min"/> (invariant culture).</summary>
    public static Option<double> Number(string name, string helpName, double min, double @default, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            DefaultValueFactory = _ => @default,
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v) && v >= min
                    ? v
                    : Fail<double>(r, $"{name} needs a number ≥ {min.ToString(CultureInfo.InvariantCulture)}, not '{text}'");
            },
        };

    /// <summary>A whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public static Option<int?> Integer(string name, string helpName, int min, int max, string description) =>
        new(name)
        {
            Description = description,
            HelpName = helpName,
            CustomParser = r =>
            {
                var text = r.Tokens[0].Value;
                return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                    ? n
                    : Fail<int?>(r, $"{name} must be a number from {min} to {max}, not '{text}'");
            },
        };

    /// <summary>`--mock-config FILE` and `--test-case NAME` (run, bench); <see cref="Together"/> makes them a pair.</summary>
    public static (Option<string> Config, Option<string> TestCase) MockConfig() => (
        File("--mock-config", "Answer Task states from an AWS Step Functions Local MockConfigFile (with --test-case)."),
        Text("--test-case", "NAME", "The mock config's test case to use (with --mock-config)."));

    /// <summary>Rejects a command line that gives one of <paramref name="first"/> and <paramref name="second"/> without the other.</summary>
    public static void Together(Command command, Option first, Option second) =>
        command.Validators.Add(r =>
        {
            if ((r.GetResult(first) is null) != (r.GetResult(second) is null))
                r.AddError($"{first.Name} and {second.Name} go together");
        });

    /// <summary>Records a parse error on the option's value and returns a placeholder (never used: errors stop the command).</summary>
    public static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }
}
