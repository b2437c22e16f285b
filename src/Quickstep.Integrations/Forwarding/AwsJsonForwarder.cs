using System.Text;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Integrations.Forwarding;

/// <summary>
/// Calls a service that speaks the AWS JSON protocol (SQS 1.0, EventBridge 1.1) at a forwarding endpoint:
/// <c>POST /</c> with <c>X-Amz-Target: PREFIX.Operation</c>, signed; an error's <c>__type</c> (namespace cut off) and
/// <c>x-amzn-query-error</c> become the <see cref="AwsServiceException"/>.
/// </summary>
public sealed class AwsJsonForwarder : IAwsService
{
    private readonly string _targetPrefix;
    private readonly string _contentType;
    private readonly ForwardingHttp _http;

    public AwsJsonForwarder(string signingName, string targetPrefix, string jsonVersion, ForwardingEndpoint target, HttpClient http, TimeProvider? time = null)
    {
        _http = new ForwardingHttp(signingName, target, http, time);
        SigningName = signingName;
        _targetPrefix = targetPrefix + ".";
        _contentType = "application/x-amz-json-" + jsonVersion;
    }

    public string SigningName { get; }

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var body = JsonText.SerializeToUtf8(input);
        var (response, bytes) = await _http.SendAsync(HttpMethod.Post, "/", body, _contentType,
            [new("X-Amz-Target", _targetPrefix + operation)], cancellationToken).ConfigureAwait(false);
        using (response)
        {
            JValue? parsed = null;
            if (bytes.Length > 0 && !JsonText.TryParse(Encoding.UTF8.GetString(bytes), out parsed, out _))
                throw ForwardingHttp.Unrecognized(response);
            if (response.IsSuccessStatusCode)
                return parsed ?? JObject.Empty;
            if (parsed is not JObject error)
                throw ForwardingHttp.Unrecognized(response);
            var type = (error["__type"] as JString)?.Value ?? (response.Headers.TryGetValues("x-amzn-ErrorType", out var h) ? h.FirstOrDefault() : null);
            if (type is null)
                throw ForwardingHttp.Unrecognized(response);
            var code = type[(type.LastIndexOf('#') + 1)..];
            if (code.IndexOf(':', StringComparison.Ordinal) is var colon and >= 0)
                code = code[..colon];
            var message = (error["message"] as JString ?? error["Message"] as JString)?.Value ?? string.Empty;
            string? queryCode = null;
            var sender = (int)response.StatusCode < 500;
            if (response.Headers.TryGetValues("x-amzn-query-error", out var query) && query.FirstOrDefault() is { } q)
            {
                var semicolon = q.IndexOf(';', StringComparison.Ordinal);
                queryCode = semicolon < 0 ? q : q[..semicolon];
                sender = !q.EndsWith(";Receiver", StringComparison.Ordinal);
            }

            throw new AwsServiceException(code, message, (int)response.StatusCode, sender) { QueryErrorCode = queryCode };
        }
    }
}
