using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Quickstep.Services.Sqs;

/// <summary>
/// The digests SQS returns: MD5 of the UTF-8 body, and MD5 of the attributes in SQS's documented binary
/// encoding — for each attribute in name order: name, data type (each a 4-byte big-endian length and UTF-8
/// bytes), one transport byte (1 string/number, 2 binary), the value (4-byte length and bytes).
/// https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-message-metadata.html
/// </summary>
internal static class SqsMd5
{
    public static string OfBody(string body)
    {
        var max = Encoding.UTF8.GetMaxByteCount(body.Length);
        byte[]? rented = null;
        var buffer = max <= 1024 ? stackalloc byte[max] : (rented = System.Buffers.ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var n = Encoding.UTF8.GetBytes(body, buffer);
            Span<byte> hash = stackalloc byte[16];
#pragma warning disable CA5351 // SQS's protocol defines MD5OfMessageBody; the digest checks integrity, it protects nothing.
            MD5.HashData(buffer[..n], hash);
#pragma warning restore CA5351
            return Convert.ToHexStringLower(hash);
        }
        finally
        {
            if (rented is not null)
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <param name="attributes">Sorted by name (ordinal), as SQS sorts them.</param>
    public static string? OfAttributes(IReadOnlyList<KeyValuePair<string, SqsMessageAttribute>> attributes)
    {
        if (attributes.Count == 0)
            return null;
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> len = stackalloc byte[4];
        foreach (var (name, value) in attributes)
        {
            AppendString(md5, name, len);
            AppendString(md5, value.DataType, len);
            if (value.IsBinary)
            {
                md5.AppendData([2]);
                var bytes = value.BinaryValue.GetValueOrDefault().Span;
                BinaryPrimitives.WriteInt32BigEndian(len, bytes.Length);
                md5.AppendData(len);
                md5.AppendData(bytes);
            }
            else
            {
                md5.AppendData([1]);
                AppendString(md5, value.StringValue ?? "", len);
            }
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset());
    }

    private static void AppendString(IncrementalHash md5, string s, Span<byte> len)
    {
        var bytes = Encoding.UTF8.GetBytes(s);
        BinaryPrimitives.WriteInt32BigEndian(len, bytes.Length);
        md5.AppendData(len);
        md5.AppendData(bytes);
    }
}
