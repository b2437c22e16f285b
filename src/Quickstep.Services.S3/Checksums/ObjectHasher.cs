namespace Quickstep.Services.S3.Checksums;

/// <summary>One checksum computed over an object's bytes as they stream by.</summary>
internal abstract class ObjectHasher
{
    private static readonly uint[] Crc32Table = ReflectedCrcHasher<uint>.Table(0xEDB88320u);
    private static readonly uint[] Crc32CTable = ReflectedCrcHasher<uint>.Table(0x82F63B78u);
    private static readonly ulong[] Crc64NvmeTable = ReflectedCrcHasher<ulong>.Table(0x9A6C9329AC4BC9B5UL);

    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>The checksum's bytes (big-endian for the CRCs), as S3 base64-encodes them.</summary>
    public abstract byte[] GetHash();

    /// <summary>A hasher for an S3 checksum algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256); null for another name.</summary>
    public static ObjectHasher? Create(string algorithm) => algorithm switch
    {
        ChecksumAlgorithms.Crc32 => new ReflectedCrcHasher<uint>(Crc32Table),
        ChecksumAlgorithms.Crc32C => new ReflectedCrcHasher<uint>(Crc32CTable),
        ChecksumAlgorithms.Crc64Nvme => new ReflectedCrcHasher<ulong>(Crc64NvmeTable),
        ChecksumAlgorithms.Sha1 => new ShaHasher(System.Security.Cryptography.HashAlgorithmName.SHA1),
        ChecksumAlgorithms.Sha256 => new ShaHasher(System.Security.Cryptography.HashAlgorithmName.SHA256),
        _ => null,
    };
}
