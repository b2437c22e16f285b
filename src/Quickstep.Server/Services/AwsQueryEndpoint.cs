using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Aws.Query;
using Quickstep.Json;

namespace Quickstep.Server.Services;

/// <summary>
/// The AWS query protocol in front of one <see cref="IAwsService"/>: <c>Action=…&amp;Version=…</c> and the input's
/// members as form fields (POST body or query string), the output as <c>&lt;ActionResponse&gt;</c> XML, errors as
/// <c>&lt;ErrorResponse&gt;</c> with the service's status.
/// </summary>
internal sealed class AwsQueryEndpoint(IAwsService service, IReadOnlySet<string> actions, string xmlNamespace, IReadOnlySet<string> mapMembers, int maxRequestBytes, ILogger logger)
{
    public async Task HandleAsync(HttpContext http)
    {
        var requestId = Guid.NewGuid().ToString();
        var action = "?";
        try
        {
            if (http.Request.ContentLength is { } declared && declared > maxRequestBytes)
                throw new AwsServiceException("RequestEntityTooLarge", $"Request body of {declared} bytes exceeds the {maxRequestBytes}-byte limit.", 413);
            var fields = new List<KeyValuePair<string, string>>();
            foreach (var (k, v) in http.Request.Query)
                fields.Add(new(k, v.ToString()));
            if (HttpMethods.IsPost(http.Request.Method) && http.Request.HasFormContentType)
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
                foreach (var (k, v) in form)
                    fields.Add(new(k, v.ToString()));
            }

            var (parsedAction, input) = QueryForm.Parse(fields);
            if (string.IsNullOrEmpty(parsedAction))
                throw new AwsServiceException("MissingAction", "The request must contain the parameter Action.");
            action = parsedAction;
            if (!actions.Contains(action))
                throw new AwsServiceException("InvalidAction", $"The action {action} is not valid for this endpoint.");
            var output = await service.InvokeAsync(action, input, http.RequestAborted).ConfigureAwait(false);
            await WriteAsync(http, 200, QueryXml.Response(action, xmlNamespace, output as JObject ?? JObject.Empty, requestId, mapMembers), requestId).ConfigureAwait(false);
        }
        catch (AwsServiceException e)
        {
            await WriteAsync(http, e.StatusCode, QueryXml.Error(xmlNamespace, e, requestId), requestId).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            await WriteAsync(http, 400, QueryXml.Error(xmlNamespace, new AwsServiceException("MalformedQueryString", e.Message), requestId), requestId).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client went away; nobody to answer.
        }
#pragma warning disable CA1031 // every failure is answered in the service's error shape instead of dropping the connection.
        catch (Exception e)
#pragma warning restore CA1031
        {
            var error = Hosting.StoreFaults.Answer(e, logger, action, "InternalError");
            await WriteAsync(http, error.StatusCode, QueryXml.Error(xmlNamespace, error, requestId), requestId).ConfigureAwait(false);
        }
    }

    private static async Task WriteAsync(HttpContext http, int status, string xml, string requestId)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = "text/xml";
        http.Response.Headers["x-amzn-RequestId"] = requestId;
        var bytes = Encoding.UTF8.GetBytes(xml);
        http.Response.ContentLength = bytes.Length;
        await http.Response.Body.WriteAsync(bytes, http.RequestAborted).ConfigureAwait(false);
    }
}
