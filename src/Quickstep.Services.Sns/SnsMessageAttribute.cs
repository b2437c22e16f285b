namespace Quickstep.Services.Sns;

/// <summary>A message attribute as Publish takes it: DataType (String, Number, Binary, String.Array or a custom String.x/Number.x/Binary.x) and its value.</summary>
public sealed record SnsMessageAttribute(string DataType, string? StringValue, byte[]? BinaryValue);
