namespace Quickstep.Services.Sqs;

/// <summary>
/// A message attribute as SQS carries it: a data type (<c>String</c>, <c>Number</c>, <c>Binary</c>, optionally
/// with a <c>.custom</c> suffix) and a string or a binary value.
/// </summary>
public sealed record SqsMessageAttribute(string DataType, string? StringValue, ReadOnlyMemory<byte>? BinaryValue = null)
{
    /// <summary>A <c>String</c> attribute.</summary>
    public static SqsMessageAttribute String(string value) => new("String", value);

    /// <summary>A <c>Number</c> attribute (the number as text, as SQS keeps it).</summary>
    public static SqsMessageAttribute Number(string value) => new("Number", value);

    /// <summary>A <c>Binary</c> attribute.</summary>
    public static SqsMessageAttribute Binary(ReadOnlyMemory<byte> value) => new("Binary", null, value);

    internal bool IsBinary => DataType.StartsWith("Binary", StringComparison.Ordinal);
}
