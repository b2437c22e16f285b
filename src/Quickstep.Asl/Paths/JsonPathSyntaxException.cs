namespace Quickstep.Asl.Paths;

/// <summary>A path string that is not valid ASL JSONPath.</summary>
public sealed class JsonPathSyntaxException : Exception
{
    public JsonPathSyntaxException()
    {
    }

    public JsonPathSyntaxException(string message)
        : base(message)
    {
    }

    public JsonPathSyntaxException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
