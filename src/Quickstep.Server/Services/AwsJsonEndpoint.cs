using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Services;

/// <summary>
/// The AWS JSON protocol (1.0 for SQS, 1.1 for EventBridge and Glue) in front of one <see cref="IAwsService"/>:
/// <c>POST /</c>, <c>X-Amz-Target: &lt;prefix&gt;.&lt;Operation&gt;</c>, the input shape as the JSON body, the output
/// shape as the JSON answer; errors as <c>{"__type": "…", "message": "…"}</c> with the service's status.
/// Services that were query-protocol before (SQS) also answer <c>x-amzn-query-error: CODE;Sender</c>, from
/// which the SDKs take the old error code.
/// </summary>
internal sealed class AwsJsonEndpoint : JsonEndpoint<string>
{
    private readonly string _targetPrefix;
    private readonly string _errorNamespace;

    /// <param name="targetPrefix">e.g. <c>AmazonSQS</c>, <c>AWSEvents</c>.</param>
    /// <param name="jsonVersion"><c>1.0</c> or <c>1.1</c>.</param>
    /// <param name="errorNamespace">Prefix of <c>__type</c>, e.g. <c>com.amazonaws.sqs#</c>; empty for none.</param>
    public AwsJsonEndpoint(IAwsService service, string targetPrefix, string jsonVersion, string errorNamespace, int maxRequestBytes, ILogger logger)
        : base(service, "application/x-amz-json-" + jsonVersion, "RequestEntityTooLarge", "InternalFailure", maxRequestBytes, logger)
    {
        _targetPrefix = targetPrefix + ".";
        _errorNamespace = errorNamespace;
    }

    protected override (string Operation, string Route) Resolve(HttpContext http)
    {
        if (!HttpMethods.IsPost(http.Request.Method))
            throw new AwsServiceException("UnknownOperationException", $"This API accepts POST /, not {http.Request.Method}.", 405);
        var target = http.Request.Headers["X-Amz-Target"].ToString();
        if (!target.StartsWith(_targetPrefix, StringComparison.Ordinal) || target.Length == _targetPrefix.Length)
            throw new AwsServiceException("UnknownOperationException", target.Length == 0 ? "Missing X-Amz-Target header." : $"Unknown operation: '{Clip(target)}'.");
        var operation = target[_targetPrefix.Length..];
        return (operation, operation);
    }

    protected override JValue ErrorBody(HttpContext http, AwsServiceException e)
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

        return body.Build();
    }

    private static string Clip(string s) => s.Length > 100 ? s[..100] + "…" : s;
}
