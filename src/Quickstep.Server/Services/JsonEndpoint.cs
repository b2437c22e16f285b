using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services;

/// <summary>
/// What the JSON protocols (<see cref="AwsJsonEndpoint"/>, <see cref="RestJsonEndpoint"/>) share in front of one
/// <see cref="IAwsService"/>: the body read as a JSON object, the call, the JSON answer, and every failure answered in
/// the service's error shape. A protocol says which operation a request names (<typeparamref name="TRoute"/> is what
/// it found on the way), builds the input and shapes the errors.
/// </summary>
/// <param name="tooLargeCode">The error code of a body over <paramref name="maxRequestBytes"/>.</param>
/// <param name="internalErrorCode">The error code of an unexpected failure (status 500).</param>
internal abstract class JsonEndpoint<TRoute>(IAwsService service, string contentType, string tooLargeCode, string internalErrorCode, int maxRequestBytes, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var operation = "?";
        try
        {
            (operation, var route) = Resolve(http);
            var body = await RequestBody.ReadAsync(http, maxRequestBytes).ConfigureAwait(false)
                ?? throw new AwsServiceException(tooLargeCode, RequestBody.TooLarge(http, maxRequestBytes), 413);
            var input = Input(http, route, ParseBody(body.Span));
            var output = await service.InvokeAsync(operation, input, http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, SuccessStatus(route), output).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await WriteErrorAsync(http, e).ConfigureAwait(false);
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, new AwsServiceException("SerializationException", e.Message, e.StatusCode is >= 400 and < 500 ? e.StatusCode : 400)).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
#pragma warning disable CA1031 // every failure is answered in the service's error shape instead of dropping the connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            await WriteErrorAsync(http, Hosting.StoreFaults.Answer(e, logger, operation, internalErrorCode)).ConfigureAwait(false);
        }
    }

    /// <summary>The operation a request names; an <see cref="AwsServiceException"/> when it names none.</summary>
    protected abstract (string Operation, TRoute Route) Resolve(HttpContext http);

    /// <summary>The operation's input from the body (an empty object when there is none) and what the route adds.</summary>
    protected virtual JObject Input(HttpContext http, TRoute route, JObject body) => body;

    protected virtual int SuccessStatus(TRoute route) => 200;

    /// <summary>The error's body; headers it needs are set here (the response has not started).</summary>
    protected abstract JValue ErrorBody(HttpContext http, AwsServiceException e);

    private static JObject ParseBody(ReadOnlySpan<byte> body)
    {
        if (body.Length == 0)
            return JObject.Empty;
        if (!JsonText.TryParse(Encoding.UTF8.GetString(body), out var parsed, out var error) || parsed is not JObject o)
            throw new AwsServiceException("SerializationException", error is null ? "The request body must be a JSON object." : "The request body is not valid JSON: " + error);
        return o;
    }

    private Task WriteErrorAsync(HttpContext http, AwsServiceException e) => WriteAsync(http, e.StatusCode, ErrorBody(http, e));

    private async Task WriteAsync(HttpContext http, int status, JValue body)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var bytes = JsonText.SerializeToUtf8(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
