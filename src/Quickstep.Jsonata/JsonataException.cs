namespace Quickstep.Jsonata;

/// <summary>A JSONata error with its code (e.g. "T1006", "S0201") as JSONata defines them.</summary>
public sealed class JsonataException : Exception
{
    public JsonataException()
        : this("D0000", "JSONata error")
    {
    }

    public JsonataException(string message)
        : this("D0000", message)
    {
    }

    public JsonataException(string message, Exception inner)
        : base(message, inner) => Code = "D0000";

    public JsonataException(string code, string message, int? position = null)
        : base(message)
    {
        Code = code;
        Position = position;
    }

    public string Code { get; }

    public int? Position { get; }

    /// <summary>The offending value, when the error is about one (for messages; not part of the contract).</summary>
    internal Json.JValue? Value { get; init; }
}
