namespace Quickstep.Jsonata;

/// <summary>A transform <c>| pattern | update, delete |</c> as a function of the object to copy and change.</summary>
internal sealed class TransformFunction : JsonataFunction
{
    public TransformFunction(Node node, Frame env)
    {
        Node = node;
        Env = env;
    }

    public Node Node { get; }

    public Frame Env { get; }

    public override int Arity => 1;
}
