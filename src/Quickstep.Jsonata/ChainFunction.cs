namespace Quickstep.Jsonata;

/// <summary><c>$f ~> $g</c> with two functions: the composition <c>λ($x){ $g($f($x)) }</c>.</summary>
internal sealed class ChainFunction : JsonataFunction
{
    public ChainFunction(JsonataFunction first, JsonataFunction second)
    {
        First = first;
        Second = second;
    }

    public JsonataFunction First { get; }

    public JsonataFunction Second { get; }

    public override int Arity => 1;
}
