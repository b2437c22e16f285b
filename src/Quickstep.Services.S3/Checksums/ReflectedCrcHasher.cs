using System.Numerics;

namespace Quickstep.Services.S3.Checksums;

/// <summary>
/// A reflected, table-driven CRC as wide as <typeparamref name="T"/>, initial and final value all ones, hashed big-endian:
/// S3's CRC32 (the IEEE polynomial), CRC32C (Castagnoli's) and CRC64NVME (0x9A6C9329AC4BC9B5).
/// </summary>
internal sealed class ReflectedCrcHasher<T> : ObjectHasher
    where T : unmanaged, IBinaryInteger<T>, IUnsignedNumber<T>
{
    private readonly T[] _table;
    private T _crc = T.AllBitsSet;

    public ReflectedCrcHasher(T[] table) => _table = table;

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        var table = _table;
        foreach (var b in data)
            crc = table[(byte)(uint.CreateTruncating(crc) ^ b)] ^ (crc >> 8);
        _crc = crc;
    }

    public override byte[] GetHash()
    {
        var value = ~_crc;
        var hash = new byte[value.GetByteCount()];
        value.WriteBigEndian(hash);
        return hash;
    }

    /// <summary>The table of a reflected polynomial.</summary>
    public static T[] Table(T polynomial)
    {
        var table = new T[256];
        for (var i = 0; i < 256; i++)
        {
            var c = T.CreateTruncating(i);
            for (var k = 0; k < 8; k++)
                c = T.IsOddInteger(c) ? polynomial ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        return table;
    }
}
