using System.Text;
using Microsoft.AspNetCore.Http;
using Quickstep.Aws;
using Quickstep.Integrations.Functions;
using Quickstep.Json;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Services.Lambda;

/// <summary>
/// The Lambda API's REST-JSON routes in front of <see cref="LambdaService"/>:
/// <c>POST /2015-03-31/functions/{FunctionName}/invocations</c> (Invoke: X-Amz-Invocation-Type, X-Amz-Log-Type,
/// X-Amz-Client-Context, ?Qualifier; the body is the payload), <c>GET /2015-03-31/functions/{FunctionName}</c>
/// (GetFunction), <c>…/configuration</c> (GetFunctionConfiguration), <c>GET /2015-03-31/functions/</c> (ListFunctions).
/// Errors: the status, <c>x-amzn-ErrorType</c> and <c>{"Type": "User", "message": …}</c>, as Lambda answers.
/// </summary>
internal sealed class LambdaEndpoint(LambdaService service, int maxRequestBytes)
{
    private const string Functions = "/2015-03-31/functions";

    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString("D");
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        try
        {
            var path = http.Request.Path.Value ?? "/";
            if (!path.StartsWith(Functions, StringComparison.Ordinal))
                throw new AwsServiceException("UnknownOperationException", $"Quickstep's Lambda does not serve {http.Request.Method} {path}.", 404);
            var rest = path[Functions.Length..].Trim('/');
            var qualifier = http.Request.Query["Qualifier"].ToString();
            if (rest.Length == 0 && HttpMethods.IsGet(http.Request.Method))
            {
                var list = new JObjectBuilder(2);
                if (http.Request.Query["Marker"].ToString() is { Length: > 0 } marker)
                    list.Set("Marker", JString.Create(marker));
                if (http.Request.Query["MaxItems"].ToString() is { Length: > 0 } maxItems)
                {
                    // A number AWS could not read is refused, not replaced by the default.
                    if (!int.TryParse(maxItems, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var max))
                        throw new AwsServiceException("ValidationException", $"1 validation error detected: Value '{maxItems}' at 'maxItems' failed to satisfy constraint: Member must be an integer between 1 and 10000", 400);
                    list.Set("MaxItems", JNumber.Create(max));
                }
                await WriteJsonAsync(http, 200, await service.InvokeAsync("ListFunctions", list.Build(), http.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                return;
            }

            var slash = rest.IndexOf('/', StringComparison.Ordinal);
            var name = Uri.UnescapeDataString(slash < 0 ? rest : rest[..slash]);
            var action = slash < 0 ? string.Empty : rest[(slash + 1)..];
            var input = new JObjectBuilder(7).Set("FunctionName", JString.Create(name));
            if (qualifier.Length > 0)
                input.Set("Qualifier", JString.Create(qualifier));
            switch (action)
            {
                case "invocations" when HttpMethods.IsPost(http.Request.Method):
                    await InvokeAsync(http, input, requestId).ConfigureAwait(false);
                    return;
                case "" when HttpMethods.IsGet(http.Request.Method):
                    await WriteJsonAsync(http, 200, await service.InvokeAsync("GetFunction", input.Build(), http.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                case "configuration" when HttpMethods.IsGet(http.Request.Method):
                    await WriteJsonAsync(http, 200, await service.InvokeAsync("GetFunctionConfiguration", input.Build(), http.RequestAborted).ConfigureAwait(false)).ConfigureAwait(false);
                    return;
                default:
                    throw new AwsServiceException("UnknownOperationException", $"Quickstep's Lambda does not serve {http.Request.Method} {path}.", 404);
            }
        }
        catch (AwsServiceException e)
        {
            await WriteErrorAsync(http, e).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away.
        }
        catch (BadHttpRequestException e)
        {
            await WriteErrorAsync(http, new AwsServiceException("RequestTooLargeException", e.Message, 413)).ConfigureAwait(false);
        }
    }

    private async Task InvokeAsync(HttpContext http, JObjectBuilder input, string requestId)
    {
        var headers = http.Request.Headers;
        if (headers["X-Amz-Invocation-Type"].ToString() is { Length: > 0 } type)
            input.Set("InvocationType", JString.Create(type));
        if (headers["X-Amz-Log-Type"].ToString() is { Length: > 0 } logType)
            input.Set("LogType", JString.Create(logType));
        if (headers["X-Amz-Client-Context"].ToString() is { Length: > 0 } clientContext)
            input.Set("ClientContext", JString.Create(clientContext));
        var body = await ReadBodyAsync(http).ConfigureAwait(false);
        input.Set("Payload", JString.Create(Encoding.UTF8.GetString(body)));
        var output = (JObject)await service.InvokeAsync(input.Build(), requestId, http.RequestAborted).ConfigureAwait(false);
        var status = (int)((JNumber)output["StatusCode"]!).Value;
        if (output["FunctionError"] is JString functionError)
            http.Response.Headers["X-Amz-Function-Error"] = functionError.Value;
        if (output["LogResult"] is JString logResult)
            http.Response.Headers["X-Amz-Log-Result"] = logResult.Value;
        if (output["ExecutedVersion"] is JString version)
            http.Response.Headers["X-Amz-Executed-Version"] = version.Value;
        http.Response.StatusCode = status;
        var payload = Encoding.UTF8.GetBytes(((JString)output["Payload"]!).Value);
        // DryRun's 204 has no body at all; Event's 202 an empty one.
        if (status == 204)
            return;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = payload.Length;
        if (payload.Length > 0)
            await http.Response.Body.WriteAsync(payload, http.RequestAborted).ConfigureAwait(false);
    }

    private async Task<byte[]> ReadBodyAsync(HttpContext http)
    {
        // Lambda's synchronous payload limit is 6 MB; Event invocations 256 KB (checked by the limit of the queue).
        var body = await RequestBody.ReadAsync(http, Math.Max(maxRequestBytes, 6 * 1024 * 1024)).ConfigureAwait(false)
            ?? throw new AwsServiceException("RequestTooLargeException", "Request must be smaller than 6291456 bytes for the InvokeFunction operation", 413);
        return body.ToArray();
    }

    private static async Task WriteJsonAsync(HttpContext http, int status, JValue body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        var bytes = JsonText.SerializeToUtf8(body);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Lambda's REST-JSON error: the code in x-amzn-ErrorType, <c>{"Type", "message"}</c> in the body (429s add a Reason).</summary>
    public static Task WriteErrorAsync(HttpContext http, AwsServiceException e)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(e);
        http.Response.Headers["x-amzn-ErrorType"] = e.Code;
        var body = new JObjectBuilder(3);
        if (e.Code == "TooManyRequestsException")
            body.Set("Reason", JString.Create("ReservedFunctionConcurrentInvocationLimitExceeded"));
        body.Set("Type", JString.Create(e.SenderFault ? "User" : "Service")).Set("message", JString.Create(e.Message));
        return WriteJsonAsync(http, e.StatusCode, body.Build());
    }
}
