using System.Text.Json.Nodes;
using Quickstep.Server.Hosting;

namespace Quickstep.Server.Tests;

/// <summary>CreateStateMachine and UpdateStateMachine keep the machine they validated and compiled: running it does not load the definition again.</summary>
public sealed class StateMachinePlanTests(InProcessServer server) : IClassFixture<InProcessServer>
{
    private const string Role = "arn:aws:iam::123456789012:role/r";

    [Fact]
    public async Task Create_ThenUpdate_KeepTheCompiledPlanOfEachRevision()
    {
        var (status, created) = await server.CallAsync("CreateStateMachine",
            Create("kept", """{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}"""));
        Assert.Equal(200, status);
        var arn = created.GetProperty("stateMachineArn").GetString()!;
        var first = await RevisionAsync(arn);

        // The snapshot's text is not a definition: only a plan kept at creation can answer for it.
        var kept = server.Server.Executions.Compile(Snapshot(arn, first));
        Assert.Equal("kept", kept.Plan.Name);

        (status, var updated) = await server.CallAsync("UpdateStateMachine",
            new JsonObject { ["stateMachineArn"] = arn, ["definition"] = """{"StartAt":"Q","States":{"Q":{"Type":"Parallel","Branches":[{"StartAt":"B","States":{"B":{"Type":"Succeed"}}}],"End":true}}}""" }.ToJsonString());
        Assert.Equal(200, status);
        var second = updated.GetProperty("revisionId").GetString()!;
        var keptUpdate = server.Server.Executions.Compile(Snapshot(arn, second));
        Assert.NotSame(kept.Plan, keptUpdate.Plan);
        Assert.Equal(1, keptUpdate.MapAndParallelStates);
    }

    [Fact]
    public async Task Create_InvalidDefinition_AnswersEveryDiagnosticWithItsPointer()
    {
        var (status, body) = await server.CallAsync("CreateStateMachine",
            Create("bad", """{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.[","End":true}}}"""));
        Assert.Equal(400, status);
        var message = body.GetProperty("message").GetString()!;
        Assert.StartsWith("Invalid State Machine Definition: 'SCHEMA_VALIDATION_FAILED: ", message, StringComparison.Ordinal);
        Assert.EndsWith(" at /States/P/InputPath'", message, StringComparison.Ordinal);
    }

    private static string Create(string name, string definition) =>
        new JsonObject { ["name"] = name, ["type"] = "EXPRESS", ["roleArn"] = Role, ["definition"] = definition }.ToJsonString();

    private async Task<string> RevisionAsync(string arn)
    {
        var (_, described) = await server.CallAsync("DescribeStateMachine", $$"""{"stateMachineArn":"{{arn}}"}""");
        return described.GetProperty("revisionId").GetString()!;
    }

    private static MachineSnapshot Snapshot(string arn, string revision) =>
        new(arn, "kept", "not a definition", Role, """{"level":"OFF","includeExecutionData":false}""", null, $"{arn}#{revision}");
}
