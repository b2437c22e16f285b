using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Time.Testing;
using Quickstep.Engine.Ports;
using Quickstep.Integrations.Http;
using Quickstep.Json;

namespace Quickstep.Integrations.Tests.Http;

public sealed class HttpInvokeHandlerTests
{
    private const string Resource = "arn:aws:states:::http:invoke";
    private const string ApiKeyAuth = """{"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"s3cr3t"}}""";

    private static HttpInvokeHandler Handler(FakeConnections connections, TimeProvider? time = null, TimeSpan? timeout = null, params string[] hosts) => new(new HttpInvokeOptions
    {
        AllowedHosts = hosts.Length == 0 ? ["127.0.0.1"] : hosts,
        Connections = connections,
        TimeProvider = time ?? TimeProvider.System,
        RequestTimeout = timeout ?? TimeSpan.FromSeconds(30),
        Region = "eu-west-1",
    });

    private static Task<TaskResult> Call(HttpInvokeHandler handler, string parameters, IHttpExchangeRecorder? recorder = null) =>
        handler.InvokeAsync(TestSupport.Request(Resource, parameters) with { HttpRecorder = recorder }, CancellationToken.None).AsTask();

    [Theory]
    [InlineData("arn:aws:states:::http:invoke", true)]
    [InlineData("arn:aws-cn:states:::http:invoke", true)]
    [InlineData("arn:aws:states:::http:invoke.sync", false)]
    [InlineData("arn:aws:states:::lambda:invoke", false)]
    public void CanHandle_HttpInvokeOnly(string resource, bool expected) =>
        Assert.Equal(expected, new HttpInvokeHandler().CanHandle(resource));

    [Fact]
    public async Task Invoke_JsonAnswer_ResultShapeAndConnectionParametersSent()
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 200, """{"id":7,"ok":true}"""));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", """
            {"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"s3cr3t"},
             "InvocationHttpParameters":{"HeaderParameters":[{"Key":"x-tenant","Value":"t1","IsValueSecret":false}],
                                         "QueryStringParameters":[{"Key":"region","Value":"eu"}]}}
            """);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""
            {"ApiEndpoint":"{{{api.Url}}}/orders?x=1","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"},
             "Headers":{"x-trace":"abc","x-tenant":"mine"},"QueryParameters":{"page":2,"tags":["a","b"],"region":"us"}}
            """);

        Assert.True(result.IsSuccess, TestSupport.JsonOf(result.Output) + result.Error?.Cause);
        var output = (JObject)result.Output!;
        Assert.Equal(["Headers", "ResponseBody", "StatusCode", "StatusText"], output.Keys);
        Assert.Equal("""{"id":7,"ok":true}""", TestSupport.JsonOf(output["ResponseBody"]));
        Assert.Equal("200", TestSupport.JsonOf(output["StatusCode"]));
        Assert.Equal("\"OK\"", TestSupport.JsonOf(output["StatusText"]));
        Assert.Equal("""["application/json"]""", TestSupport.JsonOf(((JObject)output["Headers"]!)["Content-Type"]));

        var sent = Assert.Single(api.Requests);
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/orders", sent.Path);
        Assert.Equal("?x=1&page=2&tags=a&tags=b&region=eu", sent.Query);
        Assert.Equal("s3cr3t", sent.Header("x-api-key"));
        Assert.Equal("t1", sent.Header("x-tenant"));
        Assert.Equal("abc", sent.Header("x-trace"));
        Assert.Equal("Amazon|StepFunctions|HttpInvoke|eu-west-1", sent.Header("User-Agent"));
    }

    [Fact]
    public async Task Invoke_JsonBody_MergedWithConnectionBodyParameters()
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 201, "{}"));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", """
            {"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"k"},
             "InvocationHttpParameters":{"BodyParameters":[{"Key":"client","Value":"quickstep","IsValueSecret":true}]}}
            """);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""
            {"ApiEndpoint":"{{{api.Url}}}/orders","Method":"POST","Authentication":{"ConnectionArn":"{{{arn}}}"},"RequestBody":{"item":"book","qty":2,"client":"me"}}
            """);

        Assert.True(result.IsSuccess, result.Error?.Cause);
        var sent = Assert.Single(api.Requests);
        Assert.Equal("""{"item":"book","qty":2,"client":"quickstep"}""", sent.Body);
        Assert.Equal("application/json; charset=UTF-8", sent.Header("Content-Type"));
    }

    [Theory]
    [InlineData(null, "a=1&list%5B0%5D=x&list%5B1%5D=y%20z&obj%5Bk%5D=v")]
    [InlineData("INDICES", "a=1&list%5B0%5D=x&list%5B1%5D=y%20z&obj%5Bk%5D=v")]
    [InlineData("REPEAT", "a=1&list=x&list=y%20z&obj%5Bk%5D=v")]
    [InlineData("COMMAS", "a=1&list=x,y%20z&obj%5Bk%5D=v")]
    [InlineData("BRACKETS", "a=1&list%5B%5D=x&list%5B%5D=y%20z&obj%5Bk%5D=v")]
    public async Task Invoke_UrlEncoded_EachArrayFormat(string? format, string expected)
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 200, "done", "text/plain"));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections);
        var options = format is null ? string.Empty : $$$""","RequestEncodingOptions":{"ArrayFormat":"{{{format}}}"}""";

        var result = await Call(handler, $$$"""
            {"ApiEndpoint":"{{{api.Url}}}/form","Method":"POST","Authentication":{"ConnectionArn":"{{{arn}}}"},
             "RequestBody":{"a":1,"list":["x","y z"],"obj":{"k":"v"}},"Transform":{"RequestBodyEncoding":"URL_ENCODED"{{{options}}}}}
            """);

        Assert.True(result.IsSuccess, result.Error?.Cause);
        var sent = Assert.Single(api.Requests);
        Assert.Equal(expected, sent.Body);
        Assert.Equal("application/x-www-form-urlencoded", sent.Header("Content-Type"));
        Assert.Equal("\"done\"", TestSupport.JsonOf(((JObject)result.Output!)["ResponseBody"]));
    }

    [Theory]
    [InlineData(404, "Not Found")]
    [InlineData(500, "Internal Server Error")]
    public async Task Invoke_ErrorStatus_StatesHttpStatusCodeWithResponseAsCause(int status, string text)
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, status, """{"message":"no"}"""));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/x","Method":"DELETE","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.Equal("States.Http.StatusCode." + status, result.Error?.Error);
        var cause = (JObject)JsonText.Parse(result.Error!.Cause!);
        Assert.Equal(status.ToString(System.Globalization.CultureInfo.InvariantCulture), TestSupport.JsonOf(cause["StatusCode"]));
        Assert.Equal("\"" + text + "\"", TestSupport.JsonOf(cause["StatusText"]));
        Assert.Equal("""{"message":"no"}""", TestSupport.JsonOf(cause["ResponseBody"]));
    }

    [Fact]
    public async Task Invoke_NonJsonAnswer_BodyIsAString()
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 200, "<html>{\"not\":\"json\"}</html>", "text/html"));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/page","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.True(result.IsSuccess);
        Assert.Equal("\"<html>{\\\"not\\\":\\\"json\\\"}</html>\"", TestSupport.JsonOf(((JObject)result.Output!)["ResponseBody"]));
    }

    [Fact]
    public async Task Invoke_SlowServer_StatesHttpSocket()
    {
        LoopbackHttpServer? api = null;
        api = new LoopbackHttpServer(async (r, w) =>
        {
            await api!.Stopped;
            w.Abort();
        });
        await using var _ = api;
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections, timeout: TimeSpan.FromMilliseconds(300));

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/slow","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.Equal("States.Http.Socket", result.Error?.Error);
        Assert.Contains("timed out after 0.3 seconds", result.Error!.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_NothingListening_StatesHttpSocket()
    {
        // A port bound but not listening: connecting is refused, and no other test can listen on it meanwhile.
        using var bound = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        bound.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        var port = ((IPEndPoint)bound.LocalEndPoint!).Port;
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""{"ApiEndpoint":"http://127.0.0.1:{{{port}}}/x","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.Equal("States.Http.Socket", result.Error?.Error);
    }

    [Fact]
    public async Task Invoke_BasicConnection_SendsBasicCredentials()
    {
        await using var api = new LoopbackHttpServer((r, w) =>
            r.Header("Authorization") == "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("ada:pa55"))
                ? LoopbackHttpServer.WriteAsync(w, 200, """{"user":"ada"}""")
                : LoopbackHttpServer.WriteAsync(w, 401, """{"message":"who?"}"""));
        var connections = new FakeConnections();
        var good = connections.Add("good", "BASIC", """{"BasicAuthParameters":{"Username":"ada","Password":"pa55"}}""");
        var bad = connections.Add("bad", "BASIC", """{"BasicAuthParameters":{"Username":"ada","Password":"wrong"}}""");
        using var handler = Handler(connections);

        var ok = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/me","Method":"GET","Authentication":{"ConnectionArn":"{{{good}}}"}}""");
        var refused = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/me","Method":"GET","Authentication":{"ConnectionArn":"{{{bad}}}"}}""");

        Assert.True(ok.IsSuccess, ok.Error?.Cause);
        Assert.Equal("States.Http.StatusCode.401", refused.Error?.Error);
    }

    [Fact]
    public async Task Invoke_OAuthConnection_TokenFetchedCachedRefreshedOnExpiryAndOn401()
    {
        var issued = 0;
        var valid = "none";
        await using var auth = new LoopbackHttpServer(async (r, w) =>
        {
            var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("client-1:shh"));
            if (r.Method != "POST" || r.Header("Authorization") != expected || !r.Body.Contains("grant_type=client_credentials", StringComparison.Ordinal) || !r.Body.Contains("scope=orders", StringComparison.Ordinal))
            {
                await LoopbackHttpServer.WriteAsync(w, 400, """{"error":"invalid_client"}""");
                return;
            }

            valid = "tok-" + Interlocked.Increment(ref issued);
            await LoopbackHttpServer.WriteAsync(w, 200, $$$"""{"access_token":"{{{valid}}}","token_type":"Bearer","expires_in":60}""");
        });
        await using var api = new LoopbackHttpServer((r, w) => r.Header("Authorization") == "Bearer " + valid
            ? LoopbackHttpServer.WriteAsync(w, 200, $$$"""{"token":"{{{valid}}}"}""")
            : LoopbackHttpServer.WriteAsync(w, 401, "{}"));
        var connections = new FakeConnections();
        var arn = connections.Add("oauth", "OAUTH_CLIENT_CREDENTIALS", $$$"""
            {"OAuthParameters":{"ClientParameters":{"ClientID":"client-1","ClientSecret":"shh"},"AuthorizationEndpoint":"{{{auth.Url}}}/token","HttpMethod":"POST",
              "OAuthHttpParameters":{"BodyParameters":[{"Key":"scope","Value":"orders"}]} }}
            """);
        var time = new FakeTimeProvider(TestSupport.Now);
        using var handler = Handler(connections, time);
        var call = $$$"""{"ApiEndpoint":"{{{api.Url}}}/orders","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""";

        var first = await Call(handler, call);
        var second = await Call(handler, call);
        Assert.Equal("tok-1", ((JString)((JObject)((JObject)second.Output!)["ResponseBody"]!)["token"]!).Value);
        Assert.True(first.IsSuccess, first.Error?.Cause);
        Assert.Equal(1, issued);

        time.Advance(TimeSpan.FromSeconds(61));
        var afterExpiry = await Call(handler, call);
        Assert.True(afterExpiry.IsSuccess, afterExpiry.Error?.Cause);
        Assert.Equal(2, issued);

        valid = "revoked-by-server";
        var after401 = await Call(handler, call);
        Assert.Equal(3, issued);
        Assert.True(after401.IsSuccess, after401.Error?.Cause);
        Assert.Equal("tok-3", ((JString)((JObject)((JObject)after401.Output!)["ResponseBody"]!)["token"]!).Value);
    }

    [Fact]
    public async Task Invoke_OAuthTokenRefused_InvalidConnectionState()
    {
        await using var auth = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 401, """{"error":"invalid_client"}"""));
        var connections = new FakeConnections();
        var arn = connections.Add("oauth", "OAUTH_CLIENT_CREDENTIALS", $$$"""
            {"OAuthParameters":{"ClientParameters":{"ClientID":"c","ClientSecret":"s"},"AuthorizationEndpoint":"{{{auth.Url}}}/token","HttpMethod":"POST"}}
            """);
        using var handler = Handler(connections);

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{auth.Url}}}/api","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.Equal("Events.ConnectionResource.InvalidConnectionState", result.Error?.Error);
        Assert.Contains("401", result.Error!.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_HostNotAllowed_RuntimeErrorAndNothingSent()
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 200, "{}"));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections, hosts: "api.example.com");

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/x","Method":"GET","Authentication":{"ConnectionArn":"{{{arn}}}"}}""");

        Assert.Equal("States.Runtime", result.Error?.Error);
        Assert.Contains("http.allowedHosts", result.Error!.Cause, StringComparison.Ordinal);
        Assert.Empty(api.Requests);
    }

    [Theory]
    [InlineData("""{"Method":"GET","Authentication":{"ConnectionArn":"CONN"}}""", "'ApiEndpoint' is required")]
    [InlineData("""{"ApiEndpoint":"@URL@","Method":"FETCH","Authentication":{"ConnectionArn":"CONN"}}""", "'Method' must be one of")]
    [InlineData("""{"ApiEndpoint":"@URL@","Method":"GET"}""", "'Authentication.ConnectionArn' is required")]
    [InlineData("""{"ApiEndpoint":"@URL@","Method":"GET","Authentication":{"ConnectionArn":"CONN"},"Headers":{"Host":"evil"}}""", "header 'Host' is not allowed")]
    [InlineData("""{"ApiEndpoint":"@URL@","Method":"GET","Authentication":{"ConnectionArn":"CONN"},"Headers":{"X-Amz-Date":"1"}}""", "header 'X-Amz-Date' is not allowed")]
    [InlineData("""{"ApiEndpoint":"@URL@","Method":"POST","Authentication":{"ConnectionArn":"CONN"},"RequestBody":"a=b","Transform":{"RequestBodyEncoding":"URL_ENCODED"}}""", "must be a JSON object")]
    public async Task Invoke_BadArguments_RuntimeError(string parameters, string message)
    {
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", ApiKeyAuth);
        using var handler = Handler(connections);

        var result = await Call(handler, parameters.Replace("@URL@", "http://127.0.0.1:9/x", StringComparison.Ordinal).Replace("CONN", arn, StringComparison.Ordinal));

        Assert.Equal("States.Runtime", result.Error?.Error);
        Assert.Contains(message, result.Error!.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoke_UnknownOrDeauthorizedConnection_ConnectionErrors()
    {
        var connections = new FakeConnections();
        var off = connections.Add("off", "API_KEY", ApiKeyAuth, state: "DEAUTHORIZED");
        using var handler = Handler(connections);

        var missing = await Call(handler, $$$"""{"ApiEndpoint":"http://127.0.0.1:9/x","Method":"GET","Authentication":{"ConnectionArn":"{{{FakeConnections.Arn("nope")}}}"}}""");
        var deauthorized = await Call(handler, $$$"""{"ApiEndpoint":"http://127.0.0.1:9/x","Method":"GET","Authentication":{"ConnectionArn":"{{{off}}}"}}""");

        Assert.Equal("Events.ConnectionResource.ResourceNotFound", missing.Error?.Error);
        Assert.Equal("Events.ConnectionResource.InvalidConnectionState", deauthorized.Error?.Error);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Invoke_WithRecorder_ReportsExchangeAndHidesSecretsUnlessRevealed(bool reveal)
    {
        await using var api = new LoopbackHttpServer((r, w) => LoopbackHttpServer.WriteAsync(w, 200, """{"ok":1}"""));
        var connections = new FakeConnections();
        var arn = connections.Add("api", "API_KEY", """
            {"ApiKeyAuthParameters":{"ApiKeyName":"x-api-key","ApiKeyValue":"s3cr3t"},
             "InvocationHttpParameters":{"QueryStringParameters":[{"Key":"token","Value":"q-secret","IsValueSecret":true}]}}
            """);
        using var handler = Handler(connections);
        var recorder = new RecordingExchanges(reveal);

        var result = await Call(handler, $$$"""{"ApiEndpoint":"{{{api.Url}}}/t","Method":"POST","Authentication":{"ConnectionArn":"{{{arn}}}"},"RequestBody":{"a":1}}""", recorder);

        Assert.True(result.IsSuccess);
        var exchange = recorder.Last!;
        Assert.Equal("http", exchange.RequestProtocol);
        Assert.Equal("POST", exchange.Method);
        Assert.Equal("""{"a":1}""", exchange.RequestBody);
        Assert.Equal("200", exchange.StatusCode);
        Assert.Equal("OK", exchange.StatusMessage);
        Assert.Equal("""{"ok":1}""", exchange.ResponseBody);
        Assert.Contains("Content-Type: application/json", exchange.ResponseHeaders, StringComparison.Ordinal);
        Assert.Equal(reveal, exchange.RequestHeaders.Contains("x-api-key: s3cr3t", StringComparison.Ordinal));
        Assert.Equal(reveal, exchange.Url.Contains("token=q-secret", StringComparison.Ordinal));
        Assert.Contains("User-Agent: Amazon|StepFunctions|HttpInvoke|eu-west-1", exchange.RequestHeaders, StringComparison.Ordinal);
        // What was sent always carries the secrets.
        Assert.Equal("s3cr3t", Assert.Single(api.Requests).Header("x-api-key"));
    }
}
