using System.Security.Cryptography;

namespace Quickstep.Services.S3.Checksums;

/// <summary>SHA-1 or SHA-256 of the object's bytes.</summary>
internal sealed class ShaHasher : ObjectHasher
{
    private readonly IncrementalHash _hash;

    public ShaHasher(HashAlgorithmName name) => _hash = IncrementalHash.CreateHash(name);

    public override void Append(ReadOnlySpan<byte> data) => _hash.AppendData(data);

    public override byte[] GetHash()
    {
        var hash = _hash.GetHashAndReset();
        _hash.Dispose();
        return hash;
    }
}
