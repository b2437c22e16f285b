using System.Text.Json;

namespace Quickstep.Server.Tests.Executions;

/// <summary>
/// ListExecutions given a version ARN or an alias ARN lists the executions of that version or alias, as the API
/// reference says ("You can also provide a state machine alias ARN or version ARN to list the executions associated with
/// a specific alias or version"); see Executions/list-qualified.mjs.
/// </summary>
public sealed class ListExecutionsQualifiedTests : IClassFixture<ListQualifiedScenario>
{
    private readonly JsonElement _r;

    public ListExecutionsQualifiedTests(ListQualifiedScenario scenario) => _r = scenario.Result;

    private string[] Names(string step)
    {
        var s = _r.GetProperty(step);
        Assert.True(s.ValueKind == JsonValueKind.Array, $"{step}: {s}");
        return [.. s.EnumerateArray().Select(x => x.GetString()!)];
    }

    private void AssertError(string step, string name, string message)
    {
        var s = _r.GetProperty(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {name}, got {s}");
        Assert.Equal(name, s.GetProperty("error").GetString());
        Assert.Equal(message, s.GetProperty("message").GetString());
        Assert.Equal(400, s.GetProperty("status").GetInt32());
    }

    [Fact]
    public void ListExecutions_ByVersionArn_ListsThatVersionsExecutions()
    {
        Assert.Equal(["via-alias", "v2", "v1", "plain"], Names("all"));
        // Executions started through an alias that routed to version 1 ran version 1 too.
        Assert.Equal(["via-alias", "v1"], Names("version1"));
        Assert.Equal(["v2"], Names("version2"));
        var paged = _r.GetProperty("version1Paged");
        Assert.Equal(["via-alias"], paged.GetProperty("first").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Equal(["v1"], paged.GetProperty("second").EnumerateArray().Select(x => x.GetString()!).ToArray());
        Assert.Equal(JsonValueKind.Null, paged.GetProperty("end").ValueKind);
    }

    [Fact]
    public void ListExecutions_ByAliasArn_ListsTheExecutionsStartedThroughIt()
    {
        Assert.Equal(["via-alias"], Names("alias"));
        var item = Assert.Single(_r.GetProperty("aliasItems").EnumerateArray());
        var arns = _r.GetProperty("arns");
        Assert.Equal(arns.GetProperty("alias").GetString(), item.GetProperty("alias").GetString());
        Assert.Equal(arns.GetProperty("v1").GetString(), item.GetProperty("version").GetString());
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:lq", item.GetProperty("arn").GetString());
        Assert.Equal(["via-alias"], Names("aliasSucceeded"));
        Assert.Empty(Names("aliasFailed"));
    }

    [Fact]
    public void ListExecutions_UnknownQualifierOrForeignToken_IsRefused()
    {
        const string Arn = "arn:aws:states:us-east-1:123456789012:stateMachine:lq";
        AssertError("missingVersion", "ResourceNotFound", $"Resource not found: '{Arn}:9'");
        AssertError("missingAlias", "ResourceNotFound", $"Resource not found: '{Arn}:nope'");
        AssertError("missingMachine", "StateMachineDoesNotExist", $"State Machine Does Not Exist: '{Arn}-gone:1'");
        Assert.Equal("InvalidToken", _r.GetProperty("tokenOfOtherQualifier").GetProperty("error").GetString());
    }
}
