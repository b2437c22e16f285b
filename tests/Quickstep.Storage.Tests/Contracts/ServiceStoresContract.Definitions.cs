namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The stores that keep definitions: rules, pipes, Glue jobs, connections.</summary>
public abstract partial class ServiceStoresContract
{
    [Fact]
    public async Task EventRuleStore_PutReplacesAndDeleteRemoves_SurvivingReopen()
    {
        await using var db = await CreateHostAsync();
        await using (var store = await db.OpenAsync())
        {
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "b", Json = """{"v":1}""" });
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "a", Json = """{"v":1}""" });
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "b", Json = """{"v":2}""" });
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "orders", Name = "a", Json = """{"v":3}""" });
            await store.EventRules.DeleteRuleAsync("default", "a");
        }

        await using (var store = await db.OpenAsync())
        {
            var rules = await store.EventRules.ListRulesAsync();
            Assert.Equal([("default", "b", """{"v":2}"""), ("orders", "a", """{"v":3}""")], rules.Select(r => (r.EventBusName, r.Name, r.Json)));
        }
    }

    [Fact]
    public async Task PipeStore_CreateOnce_UpdateDelete_ListByName()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        var pipe = new PipeRecord { Name = "p2", Arn = "arn:p2", DesiredState = "RUNNING", Source = "arn:sqs", Target = "arn:sfn", Json = "{}", CreationTime = T0, LastModifiedTime = T0 };
        Assert.True(await store.Pipes.TryCreatePipeAsync(pipe));
        Assert.False(await store.Pipes.TryCreatePipeAsync(pipe with { Json = """{"x":1}""" }));
        Assert.True(await store.Pipes.TryCreatePipeAsync(pipe with { Name = "p1", Arn = "arn:p1" }));
        Assert.True(await store.Pipes.UpdatePipeAsync(pipe with { DesiredState = "STOPPED", LastModifiedTime = T0.AddMinutes(1) }));
        Assert.False(await store.Pipes.UpdatePipeAsync(pipe with { Name = "missing" }));
        Assert.Equal(pipe with { DesiredState = "STOPPED", LastModifiedTime = T0.AddMinutes(1) }, await store.Pipes.GetPipeAsync("p2"));
        Assert.Null(await store.Pipes.GetPipeAsync("missing"));
        Assert.Equal(["p1", "p2"], (await store.Pipes.ListPipesAsync()).Select(p => p.Name));
        Assert.True(await store.Pipes.DeletePipeAsync("p1"));
        Assert.False(await store.Pipes.DeletePipeAsync("p1"));
        Assert.Equal(["p2"], (await store.Pipes.ListPipesAsync()).Select(p => p.Name));
    }

    [Fact]
    public async Task GlueJobStore_JobsAndRuns_SurviveReopen_DeleteTakesRuns()
    {
        await using var db = await CreateHostAsync();
        await using (var store = await db.OpenAsync())
        {
            await store.GlueJobs.SaveJobAsync(new GlueJobRecord("j", """{"v":1}"""));
            await store.GlueJobs.SaveJobAsync(new GlueJobRecord("j", """{"v":2}"""));
            await store.GlueJobs.SaveJobAsync(new GlueJobRecord("k", "{}"));
            await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r2", "j", 20, "{}"));
            await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r1", "j", 10, "{}"));
            await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r1", "j", 10, """{"s":"SUCCEEDED"}"""));
            await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r3", "k", 5, "{}"));
        }

        await using (var store = await db.OpenAsync())
        {
            Assert.Equal([new GlueJobRecord("j", """{"v":2}"""), new GlueJobRecord("k", "{}")], await store.GlueJobs.LoadJobsAsync());
            Assert.Equal([new GlueJobRunRecord("r3", "k", 5, "{}"), new GlueJobRunRecord("r1", "j", 10, """{"s":"SUCCEEDED"}"""), new GlueJobRunRecord("r2", "j", 20, "{}")],
                await store.GlueJobs.LoadRunsAsync());
            await store.GlueJobs.DeleteJobAsync("j");
            Assert.Equal(["k"], (await store.GlueJobs.LoadJobsAsync()).Select(j => j.Name));
            Assert.Equal(["r3"], (await store.GlueJobs.LoadRunsAsync()).Select(r => r.Id));
        }
    }

    [Fact]
    public async Task GlueJobStore_OneJobAndOneJobsRuns_AreReadAlone_CreateRefusesAnExistingName()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        Assert.True(await store.GlueJobs.TryCreateJobAsync(new GlueJobRecord("j", """{"v":1}""")));
        Assert.False(await store.GlueJobs.TryCreateJobAsync(new GlueJobRecord("j", """{"v":2}""")));
        Assert.Equal(new GlueJobRecord("j", """{"v":1}"""), await store.GlueJobs.GetJobAsync("j"));
        Assert.Null(await store.GlueJobs.GetJobAsync("missing"));
        await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r2", "j", 20, "{}"));
        await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r1", "j", 10, "{}"));
        await store.GlueJobs.SaveRunAsync(new GlueJobRunRecord("r3", "k", 5, "{}"));
        Assert.Equal(["r1", "r2"], (await store.GlueJobs.LoadRunsAsync("j")).Select(r => r.Id));
        Assert.Equal(["r1", "r3"], (await store.GlueJobs.GetRunsAsync(["r3", "r1", "nope"])).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ConnectionStore_PutReplaces_DeleteReports()
    {
        await using var db = await CreateHostAsync();
        await using var store = await db.OpenAsync();
        await store.Connections.PutConnectionAsync(new ConnectionRecord { Name = "c", Arn = "arn:c/1", Json = """{"secret":"s"}""" });
        await store.Connections.PutConnectionAsync(new ConnectionRecord { Name = "c", Arn = "arn:c/2", Json = """{"secret":"t"}""" });
        await store.Connections.PutConnectionAsync(new ConnectionRecord { Name = "a", Arn = "arn:a", Json = "{}" });
        var all = await store.Connections.ListConnectionsAsync();
        Assert.Equal([("a", "arn:a"), ("c", "arn:c/2")], all.Select(c => (c.Name, c.Arn)));
        Assert.Equal("""{"secret":"t"}""", all[1].Json);
        Assert.True(await store.Connections.DeleteConnectionAsync("c"));
        Assert.False(await store.Connections.DeleteConnectionAsync("c"));
        Assert.Equal(["a"], (await store.Connections.ListConnectionsAsync()).Select(c => c.Name));
    }
}
