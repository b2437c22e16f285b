using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>
/// A minimal HTTP/1.1 server on a loopback port of its own, for one worker process's Runtime API calls
/// (<c>AWS_LAMBDA_RUNTIME_API</c>). Its own, not Kestrel: <c>quickstep run</c> must not load ASP.NET Core,
/// and a socket per worker tells which process a call comes from. Keep-alive, Content-Length and chunked bodies.
/// </summary>
internal sealed class RuntimeApiListener : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxBodyBytes = 7 * 1024 * 1024;

    private readonly TcpListener _listener;
    private readonly Func<RuntimeHttpRequest, CancellationToken, ValueTask<RuntimeHttpResponse>> _handle;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private int _disposed;

    public RuntimeApiListener(Func<RuntimeHttpRequest, CancellationToken, ValueTask<RuntimeHttpResponse>> handle)
    {
        _handle = handle;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Address = "127.0.0.1:" + ((IPEndPoint)_listener.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);
        _accepting = AcceptAsync();
    }

    /// <summary>host:port, the value of AWS_LAMBDA_RUNTIME_API.</summary>
    public string Address { get; }

    /// <summary>Cancelled when the listener stops: a long poll on /next gives up then.</summary>
    public CancellationToken Stopping => _stop.Token;

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            socket.NoDelay = true;
            _ = ServeAsync(socket);
        }
    }

    private async Task ServeAsync(Socket socket)
    {
        using var stream = new NetworkStream(socket, ownsSocket: true);
        var reader = new Reader(stream);
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var head = await reader.ReadHeadAsync(_stop.Token).ConfigureAwait(false);
                if (head is null)
                    return;
                var (method, path, headers) = head.Value;
                byte[] body = [];
                if (headers.TryGetValue("content-length", out var lengthText)
                    && int.TryParse(lengthText, NumberStyles.None, CultureInfo.InvariantCulture, out var length) && length > 0)
                {
                    if (length > MaxBodyBytes)
                        return;
                    body = await reader.ReadExactAsync(length, _stop.Token).ConfigureAwait(false);
                }
                else if (headers.TryGetValue("transfer-encoding", out var te) && te.Contains("chunked", StringComparison.OrdinalIgnoreCase))
                {
                    body = await reader.ReadChunkedAsync(MaxBodyBytes, _stop.Token).ConfigureAwait(false);
                }

                var close = headers.TryGetValue("connection", out var connection) && connection.Equals("close", StringComparison.OrdinalIgnoreCase);
                headers.TryGetValue("lambda-runtime-function-error-type", out var errorType);
                var response = await _handle(new RuntimeHttpRequest(method, path, errorType, body), _stop.Token).ConfigureAwait(false);
                try
                {
                    await WriteAsync(stream, response, close).ConfigureAwait(false);
                }
                finally
                {
                    response.AfterWrite?.Invoke();
                }
                if (close)
                    return;
            }
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException or InvalidDataException)
        {
            // The worker went away or spoke something else than HTTP: drop the connection.
        }
    }

    private static async Task WriteAsync(Stream stream, RuntimeHttpResponse response, bool close)
    {
        var head = new StringBuilder(256);
        head.Append("HTTP/1.1 ").Append(response.StatusCode.ToString(CultureInfo.InvariantCulture)).Append(' ')
            .Append(response.StatusCode switch { 200 => "OK", 202 => "Accepted", 400 => "Bad Request", 403 => "Forbidden", 404 => "Not Found", 413 => "Payload Too Large", _ => "Error" })
            .Append("\r\nContent-Type: application/json\r\nContent-Length: ").Append(response.Body.Length.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        if (response.Headers is { } headers)
        {
            foreach (var (name, value) in headers)
                head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append(close ? "Connection: close\r\n\r\n" : "\r\n");
        var bytes = Encoding.ASCII.GetBytes(head.ToString());
        var all = new byte[bytes.Length + response.Body.Length];
        bytes.CopyTo(all, 0);
        response.Body.CopyTo(all, bytes.Length);
        await stream.WriteAsync(all).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        await _accepting.ConfigureAwait(false);
    }

    /// <summary>Buffered reads of request heads and bodies from one connection.</summary>
    private sealed class Reader(Stream stream)
    {
        private readonly byte[] _buffer = new byte[16 * 1024];
        private int _start;
        private int _end;

        public async Task<(string Method, string Path, Dictionary<string, string> Headers)?> ReadHeadAsync(CancellationToken ct)
        {
            var line = await ReadLineAsync(ct).ConfigureAwait(false);
            if (line is null)
                return null;
            var parts = line.Split(' ');
            if (parts.Length < 3)
                throw new InvalidDataException("bad request line");
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            var total = line.Length;
            while (true)
            {
                var header = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new InvalidDataException("truncated head");
                if (header.Length == 0)
                    break;
                total += header.Length;
                if (total > MaxHeaderBytes)
                    throw new InvalidDataException("head too large");
                var colon = header.IndexOf(':', StringComparison.Ordinal);
                if (colon > 0)
                    headers[header[..colon].Trim()] = header[(colon + 1)..].Trim();
            }

            return (parts[0], parts[1], headers);
        }

        public async Task<byte[]> ReadExactAsync(int count, CancellationToken ct)
        {
            var result = new byte[count];
            var n = 0;
            while (n < count)
            {
                if (_start == _end && !await FillAsync(ct).ConfigureAwait(false))
                    throw new IOException("connection closed in a body");
                var take = Math.Min(count - n, _end - _start);
                Buffer.BlockCopy(_buffer, _start, result, n, take);
                _start += take;
                n += take;
            }

            return result;
        }

        public async Task<byte[]> ReadChunkedAsync(int max, CancellationToken ct)
        {
            using var body = new MemoryStream();
            while (true)
            {
                var sizeLine = await ReadLineAsync(ct).ConfigureAwait(false) ?? throw new IOException("connection closed in a body");
                var semicolon = sizeLine.IndexOf(';', StringComparison.Ordinal);
                if (!int.TryParse(semicolon < 0 ? sizeLine : sizeLine[..semicolon], NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var size) || size < 0)
                    throw new InvalidDataException("bad chunk size");
                if (size == 0)
                {
                    while (await ReadLineAsync(ct).ConfigureAwait(false) is { Length: > 0 })
                    {
                    }

                    return body.ToArray();
                }

                if (body.Length + size > max)
                    throw new InvalidDataException("body too large");
                body.Write(await ReadExactAsync(size, ct).ConfigureAwait(false));
                await ReadLineAsync(ct).ConfigureAwait(false);
            }
        }

        private async Task<string?> ReadLineAsync(CancellationToken ct)
        {
            while (true)
            {
                var at = Array.IndexOf(_buffer, (byte)'\n', _start, _end - _start);
                if (at >= 0)
                {
                    var length = at - _start;
                    if (length > 0 && _buffer[at - 1] == '\r')
                        length--;
                    var line = Encoding.Latin1.GetString(_buffer, _start, length);
                    _start = at + 1;
                    return line;
                }

                if (_end - _start >= _buffer.Length)
                    throw new InvalidDataException("line too long");
                if (!await FillAsync(ct).ConfigureAwait(false))
                    return null;
            }
        }

        private async Task<bool> FillAsync(CancellationToken ct)
        {
            if (_start > 0)
            {
                Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
                _end -= _start;
                _start = 0;
            }

            var read = await stream.ReadAsync(_buffer.AsMemory(_end), ct).ConfigureAwait(false);
            _end += read;
            return read > 0;
        }
    }
}
