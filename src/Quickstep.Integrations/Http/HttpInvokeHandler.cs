using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;
using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations.Http;

/// <summary>
/// The HTTP Task, <c>arn:aws:states:::http:invoke</c> (https://docs.aws.amazon.com/step-functions/latest/dg/call-https-apis.html):
/// calls ApiEndpoint with Method, Headers, QueryParameters and RequestBody (JSON, or URL-encoded by Transform), merged
/// with what the EventBridge connection adds (its auth header and InvocationHttpParameters, which win on equal keys);
/// answers <c>{Headers, ResponseBody, StatusCode, StatusText}</c> (ResponseBody parsed when the response is JSON), or
/// <c>States.Http.StatusCode.NNN</c> whose cause is that same object for a non-2xx status. Only hosts the
/// configuration allows are called.
/// </summary>
public sealed class HttpInvokeHandler : IResourceHandler, IDisposable
{
    private const string JsonContentType = "application/json; charset=UTF-8";

    private readonly HttpInvokeOptions _options;
    private readonly HttpHostPolicy _hosts;
    private readonly HttpClient _http;
    private readonly bool _ownsClient;
    private readonly OAuthTokenCache _tokens;
    private readonly string _userAgent;

    public HttpInvokeHandler(HttpInvokeOptions? options = null)
    {
        _options = options ?? new HttpInvokeOptions();
        _hosts = new HttpHostPolicy(_options.AllowedHosts);
        _ownsClient = _options.HttpClient is null;
        _http = _options.HttpClient ?? new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        })
        { Timeout = Timeout.InfiniteTimeSpan };
        _tokens = new OAuthTokenCache(_http, _hosts, _options.TimeProvider, _options.RequestTimeout);
        _userAgent = "Amazon|StepFunctions|HttpInvoke|" + _options.Region;
    }

    /// <summary><c>arn:PARTITION:states:::http:invoke</c>; integration patterns are not served (Express refuses them at creation).</summary>
    public bool CanHandle(string resource)
    {
        if (resource is null || !resource.StartsWith("arn:", StringComparison.Ordinal) || !resource.EndsWith(":states:::http:invoke", StringComparison.Ordinal))
            return false;
        var partition = resource.AsSpan(4, resource.Length - 4 - ":states:::http:invoke".Length);
        return partition.Length > 0 && !partition.Contains(':');
    }

    public async ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        if (HttpTaskRequest.Parse(request.Parameters, out var problem) is not { } call)
            return TaskResult.Failure(StatesErrors.Runtime, problem);
        if (!_hosts.Allows(call.Endpoint))
        {
            return TaskResult.Failure(StatesErrors.Runtime,
                $"The HTTP Task may not call the host '{call.Endpoint.Authority}': add it to http.allowedHosts in the configuration file (allowed: {_hosts.Describe()}).");
        }

        var source = _options.Connections is { } connections ? await connections.GetConnectionAsync(call.ConnectionArn, cancellationToken).ConfigureAwait(false) : null;
        if (source is null)
            return TaskResult.Failure(HttpTaskErrors.ConnectionNotFound, $"Connection '{call.ConnectionArn}' does not exist.");
        var connection = HttpConnection.From(source);
        switch (connection.State)
        {
            case "AUTHORIZED" or "ACTIVE":
                break;
            case "AUTHORIZING" or "CREATING" or "UPDATING":
                return TaskResult.Failure(HttpTaskErrors.AuthInProgress, $"Connection '{call.ConnectionArn}' is being authorized.");
            default:
                return TaskResult.Failure(HttpTaskErrors.InvalidConnectionState, $"Connection '{call.ConnectionArn}' is in state {connection.State}; it must be AUTHORIZED.");
        }

        try
        {
            var outcome = await SendAsync(call, connection, refreshToken: false, request.HttpRecorder, cancellationToken).ConfigureAwait(false);
            // An OAuth API that refuses the cached token gets one fresh token and one more try.
            if (outcome.Status == HttpStatusCode.Unauthorized && connection.AuthorizationType == HttpConnection.OAuthClientCredentials)
                outcome = await SendAsync(call, connection, refreshToken: true, request.HttpRecorder, cancellationToken).ConfigureAwait(false);
            return outcome.Result;
        }
        catch (OAuthTokenException e)
        {
            return TaskResult.Failure(HttpTaskErrors.InvalidConnectionState, e.Message);
        }
    }

    private async Task<(TaskResult Result, HttpStatusCode? Status)> SendAsync(
        HttpTaskRequest call, HttpConnection connection, bool refreshToken, IHttpExchangeRecorder? recorder, CancellationToken cancellationToken)
    {
        var authorization = connection.AuthorizationType switch
        {
            HttpConnection.ApiKey when connection.ApiKeyName is { } name => new KeyValuePair<string, string>(name, connection.ApiKeyValue ?? string.Empty),
            HttpConnection.Basic => new("Authorization", "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes(connection.Username + ":" + connection.Password))),
            HttpConnection.OAuthClientCredentials => new("Authorization", "Bearer " + await _tokens.GetAsync(connection, refreshToken, cancellationToken).ConfigureAwait(false)),
            _ => default(KeyValuePair<string, string>?),
        };

        var sent = Build(call, connection.InvocationParameters, authorization);
        var shown = recorder is null || recorder.RevealSecrets ? sent : Build(call, HttpParameters.None, null);
        using var message = new HttpRequestMessage(new HttpMethod(call.Method), sent.Uri);
        foreach (var (name, value) in sent.Headers)
        {
            if (!name.Equals("Content-Type", StringComparison.OrdinalIgnoreCase))
                message.Headers.TryAddWithoutValidation(name, value);
        }

        if (sent.Body is not null)
        {
            message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(sent.Body));
            message.Content.Headers.TryAddWithoutValidation("Content-Type", sent.ContentType);
        }

        using var timeout = new CancellationTokenSource(_options.RequestTimeout, _options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        HttpResponseMessage response;
        string text;
        try
        {
            response = await _http.SendAsync(message, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            text = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            Record(recorder, shown, call, null, null);
            var reason = e.InnerException is SocketException socket ? socket.Message : e.Message;
            return (TaskResult.Failure(HttpTaskErrors.Socket, $"The HTTP request to {call.Endpoint.GetLeftPart(UriPartial.Path)} failed: {reason}"), null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Record(recorder, shown, call, null, null);
            return (TaskResult.Failure(HttpTaskErrors.Socket,
                $"The HTTP request to {call.Endpoint.GetLeftPart(UriPartial.Path)} timed out after {_options.RequestTimeout.TotalSeconds:0.###} seconds."), null);
        }

        using (response)
        {
            Record(recorder, shown, call, response, text);
            var output = Output(response, text);
            var code = (int)response.StatusCode;
            var result = code is >= 200 and < 300
                ? TaskResult.Success(output)
                : TaskResult.Failure(HttpTaskErrors.StatusCodePrefix + code.ToString(System.Globalization.CultureInfo.InvariantCulture), JsonText.Serialize(output));
            return (result, response.StatusCode);
        }
    }

    /// <summary>The request as sent: the task's parts with the connection's on top (the connection wins on equal keys).</summary>
    private BuiltRequest Build(HttpTaskRequest call, HttpParameters added, KeyValuePair<string, string>? authorization)
    {
        var query = new List<KeyValuePair<string, string>>(call.Query.Where(q => !added.Query.Any(a => a.Key == q.Key)));
        query.AddRange(added.Query);
        var uri = call.Endpoint;
        if (query.Count > 0)
        {
            var text = new StringBuilder(uri.Query.TrimStart('?'));
            foreach (var (key, value) in query)
                text.Append(text.Length > 0 ? "&" : string.Empty).Append(Uri.EscapeDataString(key)).Append('=').Append(Uri.EscapeDataString(value));
            uri = new UriBuilder(uri) { Query = text.ToString() }.Uri;
        }

        var headers = new List<KeyValuePair<string, string>>();
        void Set(string name, string value)
        {
            headers.RemoveAll(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase));
            headers.Add(new(name, value));
        }

        foreach (var (name, value) in call.Headers)
            Set(name, value);
        foreach (var (name, value) in added.Headers)
            Set(name, value);
        if (authorization is { } auth)
            Set(auth.Key, auth.Value);
        Set("User-Agent", _userAgent);
        Set("Range", "bytes=0-262144");

        var body = call.Body;
        if (added.Body.Count > 0 && body is null or JObject)
        {
            var merged = new JObjectBuilder();
            if (body is JObject o)
            {
                foreach (var (key, value) in o)
                    merged.Set(key, value);
            }

            foreach (var (key, value) in added.Body)
                merged.Set(key, JValue.FromString(value));
            body = merged.Build();
        }

        string? content = null;
        var contentType = headers.FirstOrDefault(h => h.Key.Equals("Content-Type", StringComparison.OrdinalIgnoreCase)).Value;
        if (body is not null)
        {
            if (call.UrlEncoded)
            {
                content = FormUrlEncoder.Encode((JObject)body, call.ArrayFormat);
                contentType = "application/x-www-form-urlencoded";
            }
            else
            {
                content = body is JString s ? s.Value : JsonText.Serialize(body);
                contentType ??= JsonContentType;
            }

            Set("Content-Type", contentType);
        }

        return new BuiltRequest(uri, headers, content, contentType);
    }

    private static JObject Output(HttpResponseMessage response, string text)
    {
        var headers = new JObjectBuilder();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            headers.Set(name, JArray.Own([.. values.Select(v => (JValue)JValue.FromString(v))]));
        JValue body = JValue.FromString(text);
        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (mediaType is not null && (mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            && JsonText.TryParse(text, out var parsed, out _) && parsed is not null)
            body = parsed;
        return new JObjectBuilder(4)
            .AddUnique("Headers", headers.Build())
            .AddUnique("ResponseBody", body)
            .AddUnique("StatusCode", JValue.FromNumber((int)response.StatusCode))
            .AddUnique("StatusText", JValue.FromString(response.ReasonPhrase ?? string.Empty))
            .Build();
    }

    /// <summary>TestState at TRACE: the request (without the connection's additions unless revealSecrets) and the response.</summary>
    private static void Record(IHttpExchangeRecorder? recorder, BuiltRequest shown, HttpTaskRequest call, HttpResponseMessage? response, string? body)
    {
        if (recorder is null)
            return;
        recorder.Record(new HttpExchange
        {
            RequestProtocol = shown.Uri.Scheme,
            Method = call.Method,
            Url = shown.Uri.ToString(),
            RequestHeaders = HeaderText(shown.Headers),
            RequestBody = shown.Body ?? string.Empty,
            ResponseProtocol = response is null ? null : shown.Uri.Scheme,
            StatusCode = response is null ? null : ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            StatusMessage = response?.ReasonPhrase ?? (response is null ? null : string.Empty),
            ResponseHeaders = response is null ? null : HeaderText(response.Headers.Concat(response.Content.Headers).Select(h => new KeyValuePair<string, string>(h.Key, string.Join(",", h.Value)))),
            ResponseBody = body,
        });
    }

    private static string HeaderText(IEnumerable<KeyValuePair<string, string>> headers) =>
        "[" + string.Join(", ", headers.Select(h => h.Key + ": " + h.Value)) + "]";

    public void Dispose()
    {
        if (_ownsClient)
            _http.Dispose();
    }

    private sealed record BuiltRequest(Uri Uri, List<KeyValuePair<string, string>> Headers, string? Body, string? ContentType);
}
