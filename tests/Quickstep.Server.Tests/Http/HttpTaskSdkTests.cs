using System.Text.Json;

namespace Quickstep.Server.Tests.Http;

/// <summary>EventBridge connections, HTTP Tasks, TestState TRACE and nested workflows as the AWS SDK for JavaScript sees them (sdk/http-task.mjs).</summary>
public sealed class HttpTaskSdkTests : IClassFixture<HttpTaskScenario>
{
    private readonly HttpTaskScenario _scenario;

    public HttpTaskSdkTests(HttpTaskScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private void AssertError(string step, string code, string? message = null)
    {
        var s = Step(step);
        Assert.True(s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(code, Str(s, "error"));
        Assert.Equal(400, s.GetProperty("status").GetInt32());
        if (message is not null)
            Assert.Equal(message, Str(s, "message"));
    }

    private void AssertExecution(string step, string status, string? error = null)
    {
        var s = Step(step);
        Assert.True(Str(s, "status") == status, $"{step}: {s}");
        if (error is not null)
            Assert.Equal(error, Str(s, "error"));
    }

    [Fact]
    public void CreateConnection_EachAuthorizationType_AuthorizedWithArn()
    {
        foreach (var (step, name) in new[] { ("createApiKey", "orders-api"), ("createBasic", "echo-api"), ("createOAuth", "secure-api") })
        {
            var c = Step(step);
            Assert.Equal("AUTHORIZED", Str(c, "ConnectionState"));
            Assert.Matches($"^arn:aws:events:us-east-1:123456789012:connection/{name}/[0-9a-f-]{{36}}$", Str(c, "ConnectionArn"));
            Assert.NotNull(Str(c, "CreationTime"));
        }
    }

    [Fact]
    public void CreateConnection_BadRequests_AwsErrors()
    {
        AssertError("createDuplicate", "ResourceAlreadyExistsException", "Connection orders-api already exists.");
        AssertError("createMissingParameters", "ValidationException");
        AssertError("createBadName", "ValidationException");
        AssertError("describeMissing", "ResourceNotFoundException", "Failed to describe the connection(s). Connection 'nope' does not exist.");
        AssertError("deleteAgain", "ResourceNotFoundException");
    }

    [Fact]
    public void DescribeConnection_ShowsNamesButNeverSecrets()
    {
        var apiKey = Step("describeApiKey");
        Assert.Equal("API_KEY", Str(apiKey, "AuthorizationType"));
        Assert.Equal("orders", Str(apiKey, "Description"));
        Assert.Equal("x-api-key", apiKey.GetProperty("AuthParameters").GetProperty("ApiKeyAuthParameters").GetProperty("ApiKeyName").GetString());
        Assert.StartsWith("arn:aws:secretsmanager:us-east-1:123456789012:secret:events!connection/orders-api/", Str(apiKey, "SecretArn"), StringComparison.Ordinal);
        var query = apiKey.GetProperty("AuthParameters").GetProperty("InvocationHttpParameters").GetProperty("QueryStringParameters")[0];
        Assert.Equal("sig", Str(query, "Key"));
        Assert.False(query.TryGetProperty("Value", out _));
        Assert.Equal("acme", Str(apiKey.GetProperty("AuthParameters").GetProperty("InvocationHttpParameters").GetProperty("HeaderParameters")[0], "Value"));
        Assert.DoesNotContain("k-123", Str(apiKey, "text"), StringComparison.Ordinal);
        Assert.DoesNotContain("q-secret", Str(apiKey, "text"), StringComparison.Ordinal);

        var oauth = Step("describeOAuth");
        Assert.Equal("client-1", oauth.GetProperty("AuthParameters").GetProperty("OAuthParameters").GetProperty("ClientParameters").GetProperty("ClientID").GetString());
        Assert.DoesNotContain("client-secret-value", Str(oauth, "text"), StringComparison.Ordinal);
    }

    [Fact]
    public void ListConnections_SortedFilteredPaged()
    {
        Assert.Equal(["echo-api", "orders-api", "secure-api"], Step("list").EnumerateArray().Select(c => Str(c, "Name")));
        Assert.Equal(["BASIC", "API_KEY", "OAUTH_CLIENT_CREDENTIALS"], Step("list").EnumerateArray().Select(c => Str(c, "AuthorizationType")));
        Assert.Equal(["orders-api"], Step("listPrefix").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["echo-api", "orders-api", "secure-api"], Step("listPaged").GetProperty("names").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(2, Step("listPaged").GetProperty("pages").GetInt32());
    }

    [Fact]
    public void HttpTask_ApiKeyConnection_ResultShapeAndConnectionParameters()
    {
        AssertExecution("getOrder", "SUCCEEDED");
        var output = Step("getOrder").GetProperty("output");
        Assert.Equal(["Headers", "ResponseBody", "StatusCode", "StatusText"], output.EnumerateObject().Select(p => p.Name));
        Assert.Equal(200, output.GetProperty("StatusCode").GetInt32());
        Assert.Equal("OK", Str(output, "StatusText"));
        Assert.Equal("application/json", output.GetProperty("Headers").GetProperty("Content-Type")[0].GetString());
        var body = output.GetProperty("ResponseBody");
        Assert.Equal("7", Str(body, "id"));
        Assert.Equal("?view=full&sig=q-secret", Str(body, "query"));
        Assert.Equal("acme", Str(body, "tenant"));
        Assert.Equal("r-1", Str(body, "request"));
        Assert.Equal("Amazon|StepFunctions|HttpInvoke|us-east-1", Str(Step("apiSawSecrets"), "userAgent"));
    }

    [Fact]
    public void HttpTask_BasicConnectionUrlEncodedBrackets_FormBodySent()
    {
        AssertExecution("postForm", "SUCCEEDED");
        var body = Step("postForm").GetProperty("output").GetProperty("ResponseBody");
        Assert.Equal("application/x-www-form-urlencoded", Str(body, "contentType"));
        Assert.Equal("name=Ada%20Lovelace&tags%5B%5D=x&tags%5B%5D=y", Str(body, "body"));
    }

    [Fact]
    public void HttpTask_ServerError_StatusCodeErrorCaughtByName()
    {
        AssertExecution("failing", "FAILED", "States.Http.StatusCode.503");
        using var cause = JsonDocument.Parse(Str(Step("failing"), "cause")!);
        Assert.Equal(503, cause.RootElement.GetProperty("StatusCode").GetInt32());
        Assert.Equal("Service Unavailable", Str(cause.RootElement, "StatusText"));
        Assert.Equal("down", Str(cause.RootElement.GetProperty("ResponseBody"), "error"));
        AssertExecution("caught", "SUCCEEDED");
        Assert.Equal("States.Http.StatusCode.503", Str(Step("caught").GetProperty("output").GetProperty("failure"), "Error"));
    }

    [Fact]
    public void HttpTask_TextAnswer_BodyIsAString()
    {
        AssertExecution("text", "SUCCEEDED");
        Assert.Equal("plain text", Str(Step("text").GetProperty("output"), "ResponseBody"));
    }

    [Fact]
    public void HttpTask_SlowServer_TaskTimesOut() => AssertExecution("slow", "FAILED", "States.Timeout");

    [Fact]
    public void HttpTask_OAuthConnection_OneTokenForTwoCalls()
    {
        AssertExecution("secure1", "SUCCEEDED");
        AssertExecution("secure2", "SUCCEEDED");
        Assert.Equal("tok-1", Str(Step("secure2").GetProperty("output").GetProperty("ResponseBody"), "token"));
        Assert.Equal(1, Step("tokensIssued").GetInt32());
    }

    [Fact]
    public void HttpTask_HostNotInAllowedHosts_RuntimeErrorNamingTheSetting()
    {
        AssertExecution("notAllowed", "FAILED", "States.Runtime");
        Assert.Contains("may not call the host 'localhost:", Str(Step("notAllowed"), "cause"), StringComparison.Ordinal);
        Assert.Contains("http.allowedHosts", Str(Step("notAllowed"), "cause"), StringComparison.Ordinal);
    }

    [Fact]
    public void HttpTask_ConnectionUpdatedDeauthorizedDeleted_EachSeenByTheNextCall()
    {
        Assert.Equal("AUTHORIZED", Str(Step("update"), "ConnectionState"));
        AssertExecution("afterUpdate", "FAILED", "States.Http.StatusCode.401");
        Assert.Equal("DEAUTHORIZING", Str(Step("deauthorize"), "ConnectionState"));
        Assert.Equal("DEAUTHORIZED", Step("describeDeauthorized").GetString());
        AssertExecution("afterDeauthorize", "FAILED", "Events.ConnectionResource.InvalidConnectionState");
        Assert.Equal("DELETING", Str(Step("delete"), "ConnectionState"));
        AssertExecution("afterDelete", "FAILED", "Events.ConnectionResource.ResourceNotFound");
    }

    [Fact]
    public void TestState_Trace_ShowsRequestAndResponseWithSecretsOnlyWhenRevealed()
    {
        var hidden = Step("traceHidden").GetProperty("inspectionData");
        var request = hidden.GetProperty("request");
        Assert.Equal("GET", Str(request, "method"));
        Assert.Equal("http", Str(request, "protocol"));
        Assert.EndsWith("/orders/9", Str(request, "url"), StringComparison.Ordinal);
        Assert.DoesNotContain("k-123", Str(request, "headers"), StringComparison.Ordinal);
        var response = hidden.GetProperty("response");
        Assert.Equal("200", Str(response, "statusCode"));
        Assert.Equal("OK", Str(response, "statusMessage"));
        Assert.Contains("Content-Type: application/json", Str(response, "headers"), StringComparison.Ordinal);
        Assert.Contains("\"id\":\"9\"", Str(response, "body"), StringComparison.Ordinal);

        var revealed = Step("traceRevealed").GetProperty("inspectionData").GetProperty("request");
        Assert.Contains("x-api-key: k-123", Str(revealed, "headers"), StringComparison.Ordinal);
        Assert.EndsWith("/orders/9?sig=q-secret", Str(revealed, "url"), StringComparison.Ordinal);

        var debug = Step("traceDebug").GetProperty("inspectionData");
        Assert.False(debug.TryGetProperty("request", out _));
        Assert.True(debug.TryGetProperty("result", out _));
    }

    [Fact]
    public void StartExecution_ChildGetsStartedByIdAndDescribeExecutionSeesIt()
    {
        AssertExecution("parentAsync", "SUCCEEDED");
        var output = Step("parentAsync").GetProperty("output");
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:child", Str(output, "StateMachineArn"));
        using var input = JsonDocument.Parse(Str(output, "Input")!);
        Assert.Equal(1, input.RootElement.GetProperty("n").GetInt32());
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:express:parent-async:", input.RootElement.GetProperty("AWS_STEP_FUNCTIONS_STARTED_BY_EXECUTION_ID").GetString(), StringComparison.Ordinal);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$", Str(output, "StartDate"));
    }

    [Fact]
    public void StartSyncExecution_SdkIntegration_PascalCaseOutput()
    {
        AssertExecution("parentSync", "SUCCEEDED");
        var output = Step("parentSync").GetProperty("output");
        Assert.Equal("SUCCEEDED", Str(output, "Status"));
        Assert.Equal("{\"got\":{\"n\":2}}", Str(output, "Output"));
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:express:child:", Str(output, "ExecutionArn"), StringComparison.Ordinal);
        Assert.True(output.GetProperty("OutputDetails").GetProperty("Included").GetBoolean());
    }

    [Fact]
    public void StartExecution_MissingMachine_ServiceErrorNames()
    {
        AssertExecution("missingChild", "FAILED", "Sfn.StateMachineDoesNotExistException");
        Assert.Contains("(Service: Sfn, Status Code: 400, Request ID: ", Str(Step("missingChild"), "cause"), StringComparison.Ordinal);
        AssertExecution("missingChildOptimized", "FAILED", "StepFunctions.StateMachineDoesNotExistException");
        Assert.Contains("(Service: AWSStepFunctions; Status Code: 400; Error Code: StateMachineDoesNotExist;", Str(Step("missingChildOptimized"), "cause"), StringComparison.Ordinal);
    }

    [Fact]
    public void StartSyncExecution_MachineStartingItself_StopsAtTheDepthLimit()
    {
        var level = Step("recursive").GetProperty("output").Clone();
        var depth = 1;
        while (Str(level, "Status") == "SUCCEEDED")
        {
            level = JsonDocument.Parse(Str(level, "Output")!).RootElement.Clone();
            depth++;
        }

        Assert.Equal(10, depth);
        Assert.Equal("FAILED", Str(level, "Status"));
        Assert.Equal("States.Runtime", Str(level, "Error"));
        Assert.Contains("limited to a depth of 10", Str(level, "Cause"), StringComparison.Ordinal);
    }

    [Fact]
    public void StartExecutionSync_ExpressMachine_RefusedAtCreation() =>
        AssertError("sync", "InvalidDefinition");

    [Fact]
    public void UnservedResource_WarningWhenAskedAndRuntimeErrorWhenRun()
    {
        var warning = Step("validateWarning");
        Assert.Equal("OK", Str(warning, "result"));
        var d = Assert.Single(warning.GetProperty("diagnostics").EnumerateArray());
        Assert.Equal("WARNING", Str(d, "severity"));
        Assert.Equal("UNSUPPORTED_RESOURCE", Str(d, "code"));
        Assert.Equal("/States/Get/Resource", Str(d, "location"));
        Assert.Empty(Step("validateErrorsOnly").GetProperty("diagnostics").EnumerateArray());
        AssertExecution("unsupported", "FAILED", "States.Runtime");
        Assert.Contains("aws-sdk:dynamodb:getItem", Str(Step("unsupported"), "cause"), StringComparison.Ordinal);
    }
}
