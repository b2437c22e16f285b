using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Writes an <see cref="AwsServiceException"/> in the error shape of a protocol, for answers given before a request
/// reaches its service (authentication). A service registers its own writer where it registers its handler; these are
/// the defaults by signing name.
/// </summary>
internal static class AwsErrorWriters
{
    public static Func<HttpContext, AwsServiceException, Task> Default(string service) => service switch
    {
        "s3" => RestXmlAsync,
        "sns" => (http, e) => QueryXmlAsync(http, e, "http://sns.amazonaws.com/doc/2010-03-31/"),
        "sqs" => (http, e) => JsonAsync(http, e, "application/x-amz-json-1.0", "com.amazonaws.sqs#"),
        "events" or "glue" => (http, e) => JsonAsync(http, e, "application/x-amz-json-1.1", string.Empty),
        "lambda" or "scheduler" or "pipes" => (http, e) => JsonAsync(http, e, "application/json", string.Empty),
        _ => (http, e) => JsonAsync(http, e, "application/x-amz-json-1.0", string.Empty),
    };

    /// <summary>AWS JSON: <c>{"__type": "…", "message": "…"}</c>, <c>x-amzn-ErrorType</c>, and <c>x-amzn-query-error</c> for query-compatible services.</summary>
    public static Task JsonAsync(HttpContext http, AwsServiceException e, string contentType, string errorNamespace)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(e);
        var type = errorNamespace + e.Code;
        var body = new JObjectBuilder(2).Set("__type", JString.Create(type)).Set("message", JString.Create(e.Message)).Build();
        http.Response.Headers["x-amzn-ErrorType"] = type;
        if (e.QueryErrorCode is { } query)
            http.Response.Headers["x-amzn-query-error"] = query + (e.SenderFault ? ";Sender" : ";Receiver");
        return WriteAsync(http, e.StatusCode, contentType, JsonText.SerializeToUtf8(body));
    }

    /// <summary>Query protocol: <c>&lt;ErrorResponse&gt;&lt;Error&gt;&lt;Type&gt;Sender&lt;/Type&gt;&lt;Code&gt;…</c>.</summary>
    public static Task QueryXmlAsync(HttpContext http, AwsServiceException e, string xmlns)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(e);
        var requestId = Guid.NewGuid().ToString();
        var xml = $"<ErrorResponse xmlns=\"{xmlns}\"><Error><Type>{(e.SenderFault ? "Sender" : "Receiver")}</Type><Code>{SecurityElement.Escape(e.Code)}</Code><Message>{SecurityElement.Escape(e.Message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>";
        return WriteAsync(http, e.StatusCode, "text/xml", Encoding.UTF8.GetBytes(xml), requestId);
    }

    /// <summary>S3: <c>&lt;Error&gt;&lt;Code&gt;…&lt;/Code&gt;&lt;Message&gt;…&lt;/Message&gt;&lt;RequestId&gt;…</c>; a HEAD answer has no body.</summary>
    public static Task RestXmlAsync(HttpContext http, AwsServiceException e)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(e);
        var requestId = Guid.NewGuid().ToString("N")[..16].ToUpperInvariant();
        var xml = $"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>{SecurityElement.Escape(e.Code)}</Code><Message>{SecurityElement.Escape(e.Message)}</Message><RequestId>{requestId}</RequestId></Error>";
        return WriteAsync(http, e.StatusCode, "application/xml", HttpMethods.IsHead(http.Request.Method) ? [] : Encoding.UTF8.GetBytes(xml), requestId);
    }

    private static async Task WriteAsync(HttpContext http, int status, string contentType, byte[] body, string? requestId = null)
    {
        if (http.Response.HasStarted)
            return;
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.Headers["x-amzn-RequestId"] = requestId ?? Guid.NewGuid().ToString();
        http.Response.ContentLength = body.Length;
        if (body.Length > 0)
            await http.Response.Body.WriteAsync(body, http.RequestAborted).ConfigureAwait(false);
    }
}
