using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Quickstep.Integrations.Tests.Http;

/// <summary>A real HTTP server on 127.0.0.1 (HttpListener on a free port) that answers with a test's handler and keeps every request it got.</summary>
internal sealed class LoopbackHttpServer : IAsyncDisposable
{
    private readonly HttpListener _listener;
    private readonly Func<ReceivedRequest, HttpListenerResponse, Task> _handler;
    private readonly Task _loop;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    // HttpListener's managed implementation loses a GetContextAsync begun while Close runs (the wait is queued after
    // Close has completed every queued one), and the loop then waits forever: the two never overlap.
    private readonly Lock _gate = new();
    private bool _closed;

    public LoopbackHttpServer(Func<ReceivedRequest, HttpListenerResponse, Task> handler)
    {
        _handler = handler;
        // A free port from the OS; another test may take it between the probe and Start, so try a few.
        for (var attempt = 0; ; attempt++)
        {
            using (var probe = new TcpListener(IPAddress.Loopback, 0))
            {
                probe.Start();
                Port = ((IPEndPoint)probe.LocalEndpoint).Port;
                probe.Stop();
            }

            // A listener whose Start failed is disposed: each attempt takes a new one.
            _listener = new HttpListener();
            _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
            try
            {
                _listener.Start();
                break;
            }
            catch (HttpListenerException) when (attempt < 5)
            {
                // taken meanwhile: another port
            }
        }

        _loop = Task.Run(LoopAsync);
    }

    public int Port { get; private set; }

    public string Url => $"http://127.0.0.1:{Port}";

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Completes when the server stops: a "slow" handler awaits it and so never answers in time.</summary>
    public Task Stopped => _stopped.Task;

    public static async Task WriteAsync(HttpListenerResponse response, int status, string body, string contentType = "application/json")
    {
        response.StatusCode = status;
        response.ContentType = contentType;
        var bytes = Encoding.UTF8.GetBytes(body);
        response.ContentLength64 = bytes.Length;
        await response.OutputStream.WriteAsync(bytes);
        response.Close();
    }

    private async Task LoopAsync()
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                Task<HttpListenerContext> next;
                lock (_gate)
                {
                    if (_closed)
                        return;
                    next = _listener.GetContextAsync();
                }

                context = await next;
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(async () =>
            {
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                var headers = context.Request.Headers.AllKeys.Where(k => k is not null).ToDictionary(k => k!, k => context.Request.Headers[k]!, StringComparer.OrdinalIgnoreCase);
                var request = new ReceivedRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Url.Query, headers, body);
                Requests.Enqueue(request);
                try
                {
                    await _handler(request, context.Response);
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    // the client went away (a timeout test)
                }
            });
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stopped.TrySetResult();
        lock (_gate)
        {
            _closed = true;
            try
            {
                _listener.Close();
            }
            catch (HttpListenerException)
            {
                // its port was reused meanwhile; the listener is closed anyway
            }
        }

        await _loop;
    }
}
