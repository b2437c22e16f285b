using Quickstep.Engine;

namespace Quickstep.Storage.Tests;

/// <summary>StopExecution through the store: only a RUNNING record ends, and the stopped runs are found again.</summary>
public abstract partial class StoreContractTests
{
    [Fact]
    public async Task TryStopExecution_EndsOnlyARunningRecord_AndListEndedFindsIt()
    {
        await using var db = CreateDatabase();
        await using var store = await db.OpenAsync();
        var running = Execution("to-stop", T0);
        var other = Execution("keeps-running", T0);
        await store.TryInsertExecutionAsync(running, enqueue: true);
        await store.TryInsertExecutionAsync(other, enqueue: true);
        Assert.Empty(await store.ListEndedAsync([running.Arn, other.Arn]));

        var stop = running with { Status = ExecutionStatus.Aborted, Error = "Op.Stop", Cause = "by hand", StopDate = T0.AddSeconds(5) };
        Assert.True(await store.TryStopExecutionAsync(stop));
        var stored = await store.GetExecutionAsync(running.Arn);
        Assert.Equal((ExecutionStatus.Aborted, "Op.Stop", "by hand"), (stored!.Status, stored.Error, stored.Cause));
        Assert.Equal(QueueState.Done, await store.GetQueueStateAsync(running.Arn));
        var ended = Assert.Single(await store.ListEndedAsync([running.Arn, other.Arn]));
        Assert.Equal(running.Arn, ended.Arn);

        // A second stop changes nothing: the record keeps what ended it first.
        Assert.False(await store.TryStopExecutionAsync(stop with { Error = "Later", StopDate = T0.AddSeconds(9) }));
        Assert.Equal("Op.Stop", (await store.GetExecutionAsync(running.Arn))!.Error);
        Assert.Equal(1, (await store.GetUsageAsync()).Single().Executions);
    }
}
