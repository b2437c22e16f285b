using System.Buffers.Binary;

namespace Quickstep.Services.S3.Checksums;

/// <summary>A reflected CRC-32 (the IEEE polynomial for S3's CRC32, Castagnoli's for CRC32C), initial and final value 0xFFFFFFFF.</summary>
internal sealed class Crc32Hasher : ObjectHasher
{
    public static readonly uint[] IeeeTable = Table(0xEDB88320u);
    public static readonly uint[] CastagnoliTable = Table(0x82F63B78u);

    private readonly uint[] _table;
    private uint _crc = 0xFFFFFFFFu;

    public Crc32Hasher(uint[] table) => _table = table;

    public override void Append(ReadOnlySpan<byte> data)
    {
        var crc = _crc;
        foreach (var b in data)
            crc = _table[(crc ^ b) & 0xFF] ^ (crc >> 8);
        _crc = crc;
    }

    public override byte[] GetHash()
    {
        var hash = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(hash, ~_crc);
        return hash;
    }

    private static uint[] Table(uint polynomial)
    {
        var table = new uint[256];
        for (uint i = 0; i < 256; i++)
        {
            var c = i;
            for (var k = 0; k < 8; k++)
                c = (c & 1) != 0 ? polynomial ^ (c >> 1) : c >> 1;
            table[i] = c;
        }

        return table;
    }
}
