using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services;

/// <summary>
/// The AWS JSON protocol (1.0 for SQS, 1.1 for EventBridge and Glue) in front of one <see cref="IAwsService"/>:
/// <c>POST /</c>, <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>, the input shape as the JSON body, the output
/// shape as the JSON answer; errors as <c>{"__type": "…", "message": "…"}</c> with the service's status.
/// Services that were query-protocol before (SQS) also answer <c>x-amzn-query-error: CODE;Sender</c>, from
/// which the SDKs take the old error code.
/// </summary>
internal sealed class AwsJsonEndpoint
{
    private const int MaxBodyDepth = 64;

    private readonly IAwsService _service;
    private readonly string _targetPrefix;
    private readonly string _contentType;
    private readonly string _errorNamespace;
    private readonly int _maxRequestBytes;
    private readonly ILogger _logger;

    /// <param name="targetPrefix">e.g. <c>AmazonSQS</c>, <c>AWSEvents</c>.</param>
    /// <param name="jsonVersion"><c>1.0</c> or <c>1.1</c>.</param>
    /// <param name="errorNamespace">Prefix of <c>__type</c>, e.g. <c>com.amazonaws.sqs#</c>; empty for none.</param>
    public AwsJsonEndpoint(IAwsService service, string targetPrefix, string jsonVersion, string errorNamespace, int maxRequestBytes, ILogger logger)
    {
        _service = service;
        _targetPrefix = targetPrefix + ".";
        _contentType = "application/x-amz-json-" + jsonVersion;
        _errorNamespace = errorNamespace;
        _maxRequestBytes = maxRequestBytes;
        _logger = logger;
    }

    public async Task HandleAsync(HttpContext http)
    {
        var operation = "?";
        try
        {
            if (!HttpMethods.IsPost(http.Request.Method))
                throw new AwsServiceException("UnknownOperationException", $"This API accepts POST /, not {http.Request.Method}.", 405);
            var target = http.Request.Headers["X-Amz-Target"].ToString();
            if (!target.StartsWith(_targetPrefix, StringComparison.Ordinal) || target.Length == _targetPrefix.Length)
                throw new AwsServiceException("UnknownOperationException", target.Length == 0 ? "Missing X-Amz-Target header." : $"Unknown operation: '{Clip(target)}'.");
            operation = target[_targetPrefix.Length..];
            var body = await RequestBody.ReadAsync(http, _maxRequestBytes).ConfigureAwait(false)
                ?? throw new AwsServiceException("RequestEntityTooLarge", RequestBody.TooLarge(http, _maxRequestBytes), 413);
            JObject input;
            if (body.Length == 0)
            {
                input = JObject.Empty;
            }
            else
            {
                if (!JsonText.TryParse(Encoding.UTF8.GetString(body.Span), out var parsed, out var error) || parsed is not JObject o)
                    throw new AwsServiceException("SerializationException", error is null ? "The request body must be a JSON object." : "The request body is not valid JSON: " + error);
                input = o;
            }

            var output = await _service.InvokeAsync(operation, input, http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, 200, output).ConfigureAwait(false);
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
            var unavailable = Hosting.StoreFaults.Unavailable(e);
            if (unavailable is null)
                Log.OperationCrashed(_logger, operation, e);
            await WriteErrorAsync(http, unavailable ?? new AwsServiceException("InternalFailure", "An internal error occurred: " + e.Message, 500, senderFault: false)).ConfigureAwait(false);
        }
    }
    private Task WriteErrorAsync(HttpContext http, AwsServiceException e)
    {
        var type = _errorNamespace + e.Code;
        var body = new JObjectBuilder(2);
        body.AddUnique("__type", JValue.FromString(type));
        body.AddUnique("message", JValue.FromString(e.Message));
        if (!http.Response.HasStarted)
        {
            http.Response.Headers["x-amzn-ErrorType"] = type;
            if (e.QueryErrorCode is { } query)
                http.Response.Headers["x-amzn-query-error"] = query + (e.SenderFault ? ";Sender" : ";Receiver");
        }

        return WriteAsync(http, e.StatusCode, body.Build());
    }

    private async Task WriteAsync(HttpContext http, int status, JValue body)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = _contentType;
        http.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        var bytes = JsonText.SerializeToUtf8(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    private static string Clip(string s) => s.Length > 100 ? s[..100] + "…" : s;
}
