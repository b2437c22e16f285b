using System.Net;

namespace Quickstep.Services.Tests.Sns;

/// <summary>An HTTP endpoint that fails the first <c>failures</c> requests (500) and then answers 200; counts requests.</summary>
internal sealed class FlakyHandler(int failures) : HttpMessageHandler
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Each request with its body, read when it arrived (the sender disposes the content afterwards).</summary>
    public List<(HttpRequestMessage Request, string Body)> Requests { get; } = [];

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = await request.Content!.ReadAsStringAsync(cancellationToken);
        lock (Requests)
            Requests.Add((request, body));
        var n = Interlocked.Increment(ref _count);
        return new HttpResponseMessage(n <= failures ? HttpStatusCode.InternalServerError : HttpStatusCode.OK);
    }
}
