using System.Security.Cryptography;

namespace Quickstep.Asl.Compilation;

/// <summary>System randomness and the given clock; tests pass a fixed seed and a fake clock.</summary>
public sealed class DefaultEvaluationServices : IEvaluationServices
{
    private readonly Random _random;
    private readonly TimeProvider _time;

    public DefaultEvaluationServices(TimeProvider? time = null, int? seed = null)
    {
        _time = time ?? TimeProvider.System;
        _random = seed is int s ? new Random(s) : Random.Shared;
    }

    public static DefaultEvaluationServices Shared { get; } = new();

    public DateTimeOffset UtcNow => _time.GetUtcNow();

    /// <summary>
    /// A random (version 4) UUID like <see cref="Guid.NewGuid"/>, drawn from a per-thread buffer that
    /// one <see cref="RandomNumberGenerator.Fill"/> refills every 256 GUIDs: Guid.NewGuid reads the
    /// kernel's random source per call, and every execution needs two (name and ARN).
    /// </summary>
    public Guid NewGuid()
    {
        var buffer = t_random;
        var offset = t_offset;
        if (buffer is null || offset >= buffer.Length)
        {
            buffer = t_random ??= new byte[4096];
            RandomNumberGenerator.Fill(buffer);
            offset = 0;
        }

        t_offset = offset + 16;
        var bytes = buffer.AsSpan(offset, 16);
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40); // version 4 (the high nibble of the third group)
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80); // RFC 4122 variant
        return new Guid(bytes);
    }

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_offset;

    public double NextDouble() => _random.NextDouble();
}
