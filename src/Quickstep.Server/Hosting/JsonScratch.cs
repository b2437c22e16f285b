using System.Buffers;
using System.Text.Json;

namespace Quickstep.Server.Hosting;

/// <summary>
/// One reusable buffer and JSON writer per thread for the short texts written per history event and log
/// record (a dozen per execution): no buffer and writer allocated for each.
/// </summary>
internal static class JsonScratch
{
    private static readonly JsonWriterOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>An empty buffer and a writer over it, reset; use both before the thread awaits anything.</summary>
    public static (ArrayBufferWriter<byte> Buffer, Utf8JsonWriter Writer) Rent()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        // A buffer that once held a large event is not kept at that size.
        if (buffer.Capacity > 64 * 1024)
        {
            buffer = t_buffer = new ArrayBufferWriter<byte>(1024);
            t_writer = null;
        }

        buffer.ResetWrittenCount();
        var writer = t_writer ??= new Utf8JsonWriter(buffer, Options);
        writer.Reset(buffer);
        return (buffer, writer);
    }
}
