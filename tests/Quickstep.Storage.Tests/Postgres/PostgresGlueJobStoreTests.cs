using Quickstep.Storage.Postgres;

namespace Quickstep.Storage.Tests.Postgres;

/// <summary>What nodes sharing the Glue store rely on: a run names its node, and a stop request outlives the owner's later writes.</summary>
public sealed class PostgresGlueJobStoreTests
{
    [Fact]
    public async Task Run_KeepsItsNode_AndAStopRequestSurvivesTheOwnersSaves()
    {
        await using var database = PostgresDatabase.Open(await PostgresServer.CreateDatabaseAsync());
        var store = new PostgresGlueJobStore(database);
        await store.InitializeAsync();
        await store.SaveRunAsync(new GlueJobRunRecord("r1", "j", 10, """{"s":"RUNNING"}""") { Node = "node-a" });
        await store.SaveRunAsync(new GlueJobRunRecord("r2", "j", 11, "{}") { Node = "node-b" });
        Assert.False((await store.GetRunsAsync(["r1"]))[0].StopRequested);

        Assert.True(await store.RequestStopAsync("r1"));
        Assert.False(await store.RequestStopAsync("missing"));
        await store.SaveRunAsync(new GlueJobRunRecord("r1", "j", 10, """{"s":"STOPPING"}""") { Node = "node-a" });

        var runs = (await store.LoadRunsAsync("j")).ToDictionary(r => r.Id);
        Assert.Equal(new GlueJobRunRecord("r1", "j", 10, """{"s":"STOPPING"}""") { Node = "node-a", StopRequested = true }, runs["r1"]);
        Assert.Equal(new GlueJobRunRecord("r2", "j", 11, "{}") { Node = "node-b" }, runs["r2"]);
    }
}
