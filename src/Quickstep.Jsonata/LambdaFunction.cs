using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>A closure: a lambda node with the context value and frame it was created in.</summary>
internal sealed class LambdaFunction : JsonataFunction
{
    public LambdaFunction(Node node, JValue? input, Frame env)
    {
        Node = node;
        Input = input;
        Env = env;
    }

    public Node Node { get; }

    public JValue? Input { get; }

    public Frame Env { get; }

    public bool Thunk => Node.Thunk;

    public override Signature? Signature => Node.Signature;

    public override int Arity => Node.Arguments!.Count;
}
