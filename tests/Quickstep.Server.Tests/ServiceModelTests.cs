using System.Text.Json;

namespace Quickstep.Server.Tests;

/// <summary>
/// Every operation the server answers, called with good and bad input, checked against botocore's service
/// model: a 200 answer must have every required member, no member the shape lacks, and the right types and
/// enum values; an error must be one the operation declares (or a protocol-level one).
/// </summary>
public sealed class ServiceModelTests : IAsyncLifetime
{
    private const string Account = "123456789012";
    private const string Sm = $"arn:aws:states:us-east-1:{Account}:stateMachine:";
    private const string Role = $"arn:aws:iam::{Account}:role/r";
    private const string Pass = """{\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}""";
    private const string Vars = """{\"StartAt\":\"A\",\"States\":{\"A\":{\"Type\":\"Pass\",\"Assign\":{\"x\":1},\"Next\":\"B\"},\"B\":{\"Type\":\"Pass\",\"Parameters\":{\"y.$\":\"$x\"},\"End\":true}}}""";
    private const string Fail = """{\"StartAt\":\"F\",\"States\":{\"F\":{\"Type\":\"Fail\",\"Error\":\"E\",\"Cause\":\"C\"}}}""";
    private const string Wait = """{\"StartAt\":\"W\",\"States\":{\"W\":{\"Type\":\"Wait\",\"Seconds\":300,\"End\":true}}}""";

    private readonly InProcessServer _server = new();
    private readonly ServiceModel _model = ServiceModel.Load();
    private readonly List<string> _problems = [];
    private readonly HashSet<string> _answered = new(StringComparer.Ordinal);

    public Task InitializeAsync() => _server.InitializeAsync();

    public Task DisposeAsync() => _server.DisposeAsync();

    private async Task<JsonElement> CallAsync(string operation, string body)
    {
        var (status, response) = await _server.CallAsync(operation, body);
        if (status == 200)
        {
            _answered.Add(operation);
            _problems.AddRange(_model.CheckOutput(operation, response).Select(p => $"{p}   (request {body})"));
        }
        else
        {
            var code = response.GetProperty("__type").GetString()!;
            if (status is < 400 or > 599)
                _problems.Add($"{operation}: error {code} with HTTP {status}");
            if (_model.CheckError(operation, code) is { } problem)
                _problems.Add($"{problem}   (request {body})");
        }

        return response;
    }

    [Fact]
    public async Task EveryAnswer_MatchesTheServiceModel()
    {
        // State machines, versions, aliases, tags.
        await CallAsync("CreateStateMachine", $$"""{"name":"m","definition":"{{Pass}}","roleArn":"{{Role}}","type":"EXPRESS","publish":true,"versionDescription":"v1","tags":[{"key":"k","value":"v"}]}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"vars","definition":"{{Vars}}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"fail","definition":"{{Fail}}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"wait","definition":"{{Wait}}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"m","definition":"{{Fail}}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"bad","definition":"{\"StartAt\":\"X\"}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"std","definition":"{{Pass}}","roleArn":"{{Role}}"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"bad name","definition":"{{Pass}}","roleArn":"{{Role}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"norole","definition":"{{Pass}}","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"badrole","definition":"{{Pass}}","roleArn":"role","type":"EXPRESS"}""");
        await CallAsync("CreateStateMachine", $$"""{"name":"badlog","definition":"{{Pass}}","roleArn":"{{Role}}","type":"EXPRESS","loggingConfiguration":{"level":"ALL"} }""");
        await CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}m"}""");
        await CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}vars"}""");
        await CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}m:1"}""");
        await CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}m","includedData":"METADATA_ONLY"}""");
        await CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("DescribeStateMachine", """{"stateMachineArn":"nope"}""");
        await CallAsync("UpdateStateMachine", $$"""{"stateMachineArn":"{{Sm}}m","definition":"{{Pass}}","publish":true}""");
        await CallAsync("UpdateStateMachine", $$"""{"stateMachineArn":"{{Sm}}m"}""");
        await CallAsync("UpdateStateMachine", $$"""{"stateMachineArn":"{{Sm}}nobody","definition":"{{Pass}}"}""");
        await CallAsync("UpdateStateMachine", $$"""{"stateMachineArn":"{{Sm}}m","definition":"{}"}""");
        await CallAsync("ListStateMachines", """{"maxResults":1}""");
        await CallAsync("ListStateMachines", """{"nextToken":"bad"}""");
        await CallAsync("ValidateStateMachineDefinition", $$"""{"definition":"{{Pass}}"}""");
        await CallAsync("ValidateStateMachineDefinition", """{"definition":"{\"StartAt\":\"X\"}"}""");
        await CallAsync("PublishStateMachineVersion", $$"""{"stateMachineArn":"{{Sm}}m","description":"again"}""");
        await CallAsync("PublishStateMachineVersion", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("ListStateMachineVersions", $$"""{"stateMachineArn":"{{Sm}}m","maxResults":1}""");
        await CallAsync("ListStateMachineVersions", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("CreateStateMachineAlias", $$"""{"name":"live","routingConfiguration":[{"stateMachineVersionArn":"{{Sm}}m:1","weight":100}]}""");
        await CallAsync("CreateStateMachineAlias", $$"""{"name":"bad","routingConfiguration":[{"stateMachineVersionArn":"{{Sm}}m:1","weight":60}]}""");
        await CallAsync("CreateStateMachineAlias", $$"""{"name":"gone","routingConfiguration":[{"stateMachineVersionArn":"{{Sm}}m:99","weight":100}]}""");
        await CallAsync("DescribeStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:live"}""");
        await CallAsync("DescribeStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:nothere"}""");
        await CallAsync("UpdateStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:live","description":"d"}""");
        await CallAsync("UpdateStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:nothere","description":"d"}""");
        await CallAsync("ListStateMachineAliases", $$"""{"stateMachineArn":"{{Sm}}m"}""");
        await CallAsync("ListStateMachineAliases", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("DeleteStateMachineVersion", $$"""{"stateMachineVersionArn":"{{Sm}}m:1"}""");
        await CallAsync("DeleteStateMachineVersion", $$"""{"stateMachineVersionArn":"{{Sm}}m:2"}""");
        await CallAsync("TagResource", $$"""{"resourceArn":"{{Sm}}m","tags":[{"key":"a","value":"b"}]}""");
        await CallAsync("TagResource", $$"""{"resourceArn":"{{Sm}}nobody","tags":[{"key":"a","value":"b"}]}""");
        await CallAsync("ListTagsForResource", $$"""{"resourceArn":"{{Sm}}m"}""");
        await CallAsync("ListTagsForResource", $$"""{"resourceArn":"{{Sm}}nobody"}""");
        await CallAsync("UntagResource", $$"""{"resourceArn":"{{Sm}}m","tagKeys":["a"]}""");
        await CallAsync("UntagResource", $$"""{"resourceArn":"{{Sm}}nobody","tagKeys":["a"]}""");

        // Executions.
        var ok = await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}m","input":"{\"a\":1}","traceHeader":"t"}""");
        var okArn = ok.GetProperty("executionArn").GetString();
        await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}fail","includedData":"METADATA_ONLY"}""");
        await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}m:live"}""");
        await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}m","input":"not json"}""");
        await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("StartSyncExecution", $$"""{"stateMachineArn":"{{Sm}}m","name":"bad name"}""");
        var waiting = await CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Sm}}wait","name":"w1"}""");
        var waitingArn = waiting.GetProperty("executionArn").GetString();
        await CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Sm}}wait","name":"w1","input":"{\"other\":1}"}""");
        await CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Sm}}m:1"}""");
        await CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Sm}}m","input":"["}""");
        await CallAsync("StartExecution", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("DescribeExecution", $$"""{"executionArn":"{{waitingArn}}"}""");
        await CallAsync("GetExecutionHistory", $$"""{"executionArn":"{{waitingArn}}"}""");
        await CallAsync("StopExecution", $$"""{"executionArn":"{{waitingArn}}","error":"E","cause":"C"}""");
        await CallAsync("StopExecution", $$"""{"executionArn":"{{waitingArn}}"}""");
        await CallAsync("DescribeExecution", $$"""{"executionArn":"{{waitingArn}}"}""");
        await CallAsync("DescribeExecution", $$"""{"executionArn":"{{okArn}}"}""");
        await CallAsync("DescribeExecution", $$"""{"executionArn":"{{okArn}}","includedData":"METADATA_ONLY"}""");
        await CallAsync("DescribeExecution", $"{{\"executionArn\":\"arn:aws:states:us-east-1:{Account}:express:m:x:y\"}}");
        await CallAsync("DescribeExecution", """{"executionArn":"nope"}""");
        await CallAsync("GetExecutionHistory", $$"""{"executionArn":"{{okArn}}","maxResults":2}""");
        await CallAsync("GetExecutionHistory", $$"""{"executionArn":"{{waitingArn}}","reverseOrder":true,"includeExecutionData":false}""");
        await CallAsync("GetExecutionHistory", $$"""{"executionArn":"{{okArn}}","nextToken":"bad"}""");
        await CallAsync("GetExecutionHistory", $"{{\"executionArn\":\"arn:aws:states:us-east-1:{Account}:express:m:x:y\"}}");
        await CallAsync("ListExecutions", $$"""{"stateMachineArn":"{{Sm}}m","maxResults":1}""");
        await CallAsync("ListExecutions", $$"""{"stateMachineArn":"{{Sm}}wait","statusFilter":"ABORTED"}""");
        await CallAsync("ListExecutions", $$"""{"stateMachineArn":"{{Sm}}nobody"}""");
        await CallAsync("ListExecutions", $$"""{"stateMachineArn":"{{Sm}}m","nextToken":"bad"}""");
        await CallAsync("DescribeStateMachineForExecution", $$"""{"executionArn":"{{okArn}}"}""");
        await CallAsync("DescribeStateMachineForExecution", $"{{\"executionArn\":\"arn:aws:states:us-east-1:{Account}:express:m:x:y\"}}");

        // Deletions last.
        await CallAsync("DeleteStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:live"}""");
        await CallAsync("DeleteStateMachineAlias", $$"""{"stateMachineAliasArn":"{{Sm}}m:live"}""");
        await CallAsync("DeleteStateMachine", $$"""{"stateMachineArn":"{{Sm}}m"}""");
        await CallAsync("DeleteStateMachine", """{"stateMachineArn":"nope"}""");
        await CallAsync("DescribeStateMachineForExecution", $$"""{"executionArn":"{{okArn}}"}""");

        Assert.True(_problems.Count == 0, string.Join('\n', _problems));
        // Every operation the server serves was seen answering (a test that cannot fail checks nothing).
        var unanswered = new[]
        {
            "CreateStateMachine", "DescribeStateMachine", "UpdateStateMachine", "DeleteStateMachine", "ListStateMachines", "ValidateStateMachineDefinition",
            "PublishStateMachineVersion", "ListStateMachineVersions", "DeleteStateMachineVersion", "CreateStateMachineAlias", "DescribeStateMachineAlias",
            "UpdateStateMachineAlias", "DeleteStateMachineAlias", "ListStateMachineAliases", "StartExecution", "StartSyncExecution", "StopExecution",
            "DescribeExecution", "ListExecutions", "GetExecutionHistory", "DescribeStateMachineForExecution", "TagResource", "UntagResource", "ListTagsForResource",
        }.Where(o => !_answered.Contains(o)).ToList();
        Assert.True(unanswered.Count == 0, "never answered 200: " + string.Join(", ", unanswered));
    }

    [Fact]
    public async Task OperationsNotServed_AnswerAProtocolErrorTheModelAllows()
    {
        foreach (var operation in _model.Operations.Where(o => o is "CreateActivity" or "RedriveExecution" or "ListMapRuns" or "SendTaskSuccess"))
            await CallAsync(operation, "{}");
        Assert.True(_problems.Count == 0, string.Join('\n', _problems));
    }

    [Fact]
    public void TheChecker_FindsWhatIsWrong()
    {
        // The checker itself: a missing required member, a wrong type, a member the shape lacks, an undeclared error.
        using var doc = JsonDocument.Parse("""{"stateMachineArn":"a","status":"NOPE","startDate":"yesterday","extra":1}""");
        var problems = _model.CheckOutput("DescribeExecution", doc.RootElement);
        Assert.Contains(problems, p => p.Contains("'executionArn' is missing", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'NOPE' is not one of", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("startDate: expected a number", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("'extra' is not in", StringComparison.Ordinal));
        Assert.NotNull(_model.CheckError("DescribeExecution", "StateMachineDoesNotExist"));
        Assert.Null(_model.CheckError("DescribeExecution", "ExecutionDoesNotExist"));
    }
}
