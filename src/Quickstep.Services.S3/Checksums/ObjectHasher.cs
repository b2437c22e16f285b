namespace Quickstep.Services.S3.Checksums;

/// <summary>One checksum computed over an object's bytes as they stream by.</summary>
internal abstract class ObjectHasher
{
    public abstract void Append(ReadOnlySpan<byte> data);

    /// <summary>The checksum's bytes (big-endian for the CRCs), as S3 base64-encodes them.</summary>
    public abstract byte[] GetHash();

    /// <summary>A hasher for an S3 checksum algorithm name (CRC32, CRC32C, CRC64NVME, SHA1, SHA256); null for another name.</summary>
    public static ObjectHasher? Create(string algorithm) => algorithm switch
    {
        ChecksumAlgorithms.Crc32 => new Crc32Hasher(Crc32Hasher.IeeeTable),
        ChecksumAlgorithms.Crc32C => new Crc32Hasher(Crc32Hasher.CastagnoliTable),
        ChecksumAlgorithms.Crc64Nvme => new Crc64NvmeHasher(),
        ChecksumAlgorithms.Sha1 => new ShaHasher(System.Security.Cryptography.HashAlgorithmName.SHA1),
        ChecksumAlgorithms.Sha256 => new ShaHasher(System.Security.Cryptography.HashAlgorithmName.SHA256),
        _ => null,
    };
}
