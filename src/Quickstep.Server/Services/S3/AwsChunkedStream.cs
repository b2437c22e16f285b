using System.Globalization;
using System.Text;
using Quickstep.Aws;

namespace Quickstep.Server.Services.S3;

/// <summary>
/// Decodes an <c>aws-chunked</c> request body as it streams: <c>HEX[;chunk-signature=…]\r\nBYTES\r\n</c> …
/// <c>0[;…]\r\n</c>, then trailer lines (<c>x-amz-checksum-crc32:…</c>) and an empty line. Current SDKs send
/// it for streaming uploads (x-amz-content-sha256: STREAMING-UNSIGNED-PAYLOAD-TRAILER,
/// STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]). Chunk signatures are not checked.
/// </summary>
internal sealed class AwsChunkedStream : Stream
{
    private const int MaxLine = 4096;

    private readonly Stream _inner;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private readonly Dictionary<string, string> _trailers = new(StringComparer.OrdinalIgnoreCase);
    private int _start;
    private int _end;
    private long _remaining;
    private bool _inChunk;
    private bool _done;

    public AwsChunkedStream(Stream inner) => _inner = inner;

    /// <summary>The trailing headers, complete once the stream was read to its end.</summary>
    public IReadOnlyDictionary<string, string> Trailers => _trailers;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken cancellationToken = default)
    {
        if (destination.IsEmpty)
            return 0;
        while (!_done)
        {
            if (_inChunk)
            {
                if (_remaining == 0)
                {
                    var end = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (end.Length != 0)
                        throw Malformed("a chunk does not end with CRLF");
                    _inChunk = false;
                    continue;
                }

                var want = (int)Math.Min(destination.Length, _remaining);
                int n;
                if (_start < _end)
                {
                    n = Math.Min(want, _end - _start);
                    _buffer.AsMemory(_start, n).CopyTo(destination);
                    _start += n;
                }
                else
                {
                    // Nothing buffered: read straight into the caller's memory.
                    n = await _inner.ReadAsync(destination[..want], cancellationToken).ConfigureAwait(false);
                    if (n == 0)
                        throw Incomplete();
                }

                _remaining -= n;
                return n;
            }

            var header = await ReadLineAsync(cancellationToken).ConfigureAwait(false);
            var semicolon = header.IndexOf(';', StringComparison.Ordinal);
            var hex = (semicolon >= 0 ? header[..semicolon] : header).Trim();
            if (!long.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var size) || size < 0)
                throw Malformed($"invalid chunk size '{hex}'");
            if (size == 0)
            {
                await ReadTrailersAsync(cancellationToken).ConfigureAwait(false);
                _done = true;
                break;
            }

            _remaining = size;
            _inChunk = true;
        }

        return 0;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    private async Task ReadTrailersAsync(CancellationToken ct)
    {
        while (true)
        {
            string line;
            try
            {
                line = await ReadLineAsync(ct).ConfigureAwait(false);
            }
            catch (AwsServiceException) when (_start == _end)
            {
                // Some encoders end after the last chunk without the final empty line.
                return;
            }

            if (line.Length == 0)
                return;
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
                throw Malformed($"invalid trailer '{line}'");
            _trailers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
    }

    /// <summary>The next line without its CRLF.</summary>
    private async ValueTask<string> ReadLineAsync(CancellationToken ct)
    {
        var line = new StringBuilder();
        while (true)
        {
            if (_start == _end)
            {
                _start = 0;
                _end = await _inner.ReadAsync(_buffer, ct).ConfigureAwait(false);
                if (_end == 0)
                    throw Incomplete();
            }

            var span = _buffer.AsSpan(_start, _end - _start);
            var lf = span.IndexOf((byte)'\n');
            var take = lf >= 0 ? lf : span.Length;
            line.Append(Encoding.ASCII.GetString(span[..take]));
            _start += lf >= 0 ? take + 1 : take;
            if (line.Length > MaxLine)
                throw Malformed("a chunk header is too long");
            if (lf >= 0)
            {
                if (line.Length == 0 || line[^1] != '\r')
                    throw Malformed("a line does not end with CRLF");
                return line.ToString(0, line.Length - 1);
            }
        }
    }

    private static AwsServiceException Malformed(string what) =>
        new("InvalidRequest", $"The aws-chunked request body is malformed: {what}.", 400);

    private static AwsServiceException Incomplete() =>
        new("IncompleteBody", "The request body terminated unexpectedly", 400);

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
