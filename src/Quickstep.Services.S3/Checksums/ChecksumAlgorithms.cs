namespace Quickstep.Services.S3.Checksums;

/// <summary>S3's additional checksum algorithms, as x-amz-sdk-checksum-algorithm names them; each travels in x-amz-checksum-{lower-case name}.</summary>
public static class ChecksumAlgorithms
{
    public const string Crc32 = "CRC32";
    public const string Crc32C = "CRC32C";
    public const string Crc64Nvme = "CRC64NVME";
    public const string Sha1 = "SHA1";
    public const string Sha256 = "SHA256";

    public static IReadOnlyList<string> All { get; } = [Crc32, Crc32C, Crc64Nvme, Sha1, Sha256];

    /// <summary>The canonical name of <paramref name="name"/> (any case), or null when S3 has no such algorithm.</summary>
    public static string? Normalize(string? name)
    {
        if (name is null)
            return null;
        foreach (var a in All)
        {
            if (string.Equals(a, name, StringComparison.OrdinalIgnoreCase))
                return a;
        }

        return null;
    }

    /// <summary>The header that carries it: <c>x-amz-checksum-crc32</c>, ….</summary>
    public static string HeaderName(string algorithm) => "x-amz-checksum-" + algorithm.ToLowerInvariant();
}
