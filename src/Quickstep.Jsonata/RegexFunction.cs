namespace Quickstep.Jsonata;

/// <summary>A regex literal as a value: a matcher function over a string.</summary>
internal sealed class RegexFunction : JsonataFunction
{
    public RegexFunction(JsonataRegex regex) => Regex = regex;

    public JsonataRegex Regex { get; }

    public override int Arity => 1;
}
