namespace Quickstep.Cli;

/// <summary>Shared pieces of option parsing for the commands' *Arguments classes.</summary>
internal static class OptionReader
{
    /// <summary>The value after the option at <paramref name="i"/>; advances <paramref name="i"/> past it.</summary>
    public static string Value(string[] args, ref int i)
    {
        if (i + 1 >= args.Length)
            throw new UsageException($"{args[i]} needs a value");
        return args[++i];
    }
}
