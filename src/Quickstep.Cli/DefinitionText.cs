using System.Text;

namespace Quickstep.Cli;

/// <summary>Definition files as `validate` and `graph` read them: strict UTF-8, a leading byte order mark skipped.</summary>
internal static class DefinitionText
{
    /// <summary>UTF-8 that throws on invalid bytes and writes no byte order mark.</summary>
    public static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text of <paramref name="bytes"/>; <see cref="DecoderFallbackException"/> when they are not UTF-8.</summary>
    public static string Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (span.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
            span = span[3..];
        return StrictUtf8.GetString(span);
    }
}
