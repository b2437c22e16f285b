namespace Quickstep.Storage.Tests.Contracts;

/// <summary>The rules' version: what tells a node's cache of the rules that it must read them again.</summary>
public abstract partial class ServiceStoresContract
{
    [Fact]
    public async Task EventRuleStore_Version_MovesOnEveryPutAndDelete_AndSurvivesReopen()
    {
        await using var db = await CreateHostAsync();
        long last;
        await using (var store = await db.OpenAsync())
        {
            var versions = new List<long> { await store.EventRules.GetVersionAsync() };
            Assert.Equal(versions[0], await store.EventRules.GetVersionAsync());
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "a", Json = "{}" });
            versions.Add(await store.EventRules.GetVersionAsync());
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "a", Json = """{"v":2}""" });
            versions.Add(await store.EventRules.GetVersionAsync());
            await store.EventRules.DeleteRuleAsync("default", "a");
            versions.Add(await store.EventRules.GetVersionAsync());
            Assert.Equal(versions.Count, versions.Distinct().Count());
            last = versions[^1];
        }

        await using (var store = await db.OpenAsync())
        {
            Assert.Equal(last, await store.EventRules.GetVersionAsync());
            await store.EventRules.PutRuleAsync(new EventRuleRecord { EventBusName = "default", Name = "b", Json = "{}" });
            Assert.NotEqual(last, await store.EventRules.GetVersionAsync());
        }
    }
}
