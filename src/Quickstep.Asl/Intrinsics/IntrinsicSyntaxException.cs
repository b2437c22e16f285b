namespace Quickstep.Asl.Intrinsics;

/// <summary>An intrinsic function call that is not valid syntax, names an unknown function, or has a bad literal argument.</summary>
internal sealed class IntrinsicSyntaxException : Exception
{
    public IntrinsicSyntaxException()
    {
    }

    public IntrinsicSyntaxException(string message)
        : base(message)
    {
    }

    public IntrinsicSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
