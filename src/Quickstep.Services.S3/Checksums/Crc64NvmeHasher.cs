using System.Buffers.Binary;

namespace Quickstep.Services.S3.Checksums;

/// <summary>CRC-64/NVME (reflected polynomial 0x9A6C9329AC4BC9B5, initial and final value all ones), S3's CRC64NVME.</summary>
internal sealed class Crc64NvmeHasher : ObjectHasher
{
    private static readonly ulong[] Table = BuildTable();

    private ulong _crc = ulong.MaxValue;

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
            crc = Table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    public override byte[] GetHash()
    {
        var hash = new byte[8];
        BinaryPrimitives.WriteUInt64BigEndian(hash, ~_crc);
        return hash;
    }

    private static ulong[] BuildTable()
    {
        const ulong polynomial = 0x9A6C9329AC4BC9B5UL;
        var table = new ulong[256];
        for (ulong i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        return table;
    }
}
