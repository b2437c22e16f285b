namespace Quickstep.Json;

/// <summary>Text that is not valid JSON (or nests deeper than allowed).</summary>
public sealed class JsonTextException : Exception
{
    public JsonTextException()
    {
    }

    public JsonTextException(string message)
        : base(message)
    {
    }

    public JsonTextException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
