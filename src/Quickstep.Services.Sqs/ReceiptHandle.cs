using System.Buffers.Binary;

namespace Quickstep.Services.Sqs;

/// <summary>
/// A receipt handle names one receive of one message: a marker, the message's sequence number and the
/// receive's nonce, base64-encoded. Anything that does not decode to that shape is not a receipt handle.
/// </summary>
internal static class ReceiptHandle
{
    private const uint Marker = 0x51535248; // "QSRH"

    public static string Create(long seq, long nonce)
    {
        Span<byte> bytes = stackalloc byte[20];
        BinaryPrimitives.WriteUInt32BigEndian(bytes, Marker);
        BinaryPrimitives.WriteInt64BigEndian(bytes[4..], seq);
        BinaryPrimitives.WriteInt64BigEndian(bytes[12..], nonce);
        return Convert.ToBase64String(bytes);
    }

    public static bool TryParse(string handle, out long seq, out long nonce)
    {
        seq = 0;
        nonce = 0;
        Span<byte> bytes = stackalloc byte[24];
        if (handle.Length != 28 || !Convert.TryFromBase64String(handle, bytes, out var n) || n != 20 || BinaryPrimitives.ReadUInt32BigEndian(bytes) != Marker)
            return false;
        seq = BinaryPrimitives.ReadInt64BigEndian(bytes[4..]);
        nonce = BinaryPrimitives.ReadInt64BigEndian(bytes[12..]);
        return true;
    }
}
