namespace Quickstep.Asl.Paths;

/// <summary>What a path starts from: <c>$</c> (the input), <c>$$</c> (the context object) or <c>$name</c> (a variable).</summary>
public enum PathRoot : byte
{
    Input,
    Context,
    Variable,
}
