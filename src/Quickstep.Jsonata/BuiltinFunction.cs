namespace Quickstep.Jsonata;

/// <summary>A function of the library ($string, $map, …) with its signature.</summary>
internal sealed class BuiltinFunction : JsonataFunction
{
    private readonly Signature _signature;

    public BuiltinFunction(string name, string signature, BuiltinImpl impl, int? arity = null)
    {
        Name = name;
        _signature = Signature.Parse(signature);
        Impl = impl;
        Arity = arity ?? _signature.MinArity;
    }

    public string Name { get; }

    public BuiltinImpl Impl { get; }

    public override Signature Signature => _signature;

    public override int Arity { get; }
}
