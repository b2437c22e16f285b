namespace Quickstep.Engine.Tests;

/// <summary>A Distributed Map's ItemBatcher: each child execution gets {"BatchInput": …, "Items": [...]}.</summary>
public sealed class ItemBatcherTests
{
    private static string Map(string batcher, string extra = "") =>
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,\"ItemsPath\":\"$.items\"," + extra
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"EXPRESS\"},\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"ItemBatcher\":"
        + batcher + "}}}";

    [Fact]
    public async Task MaxItemsPerBatch_GroupsItemsWithBatchInput()
    {
        var def = Map("""{"MaxItemsPerBatch":2,"BatchInput":{"k.$":"$.k","fixed":1}}""");
        Assert.Equal(
            """[{"BatchInput":{"k":"v","fixed":1},"Items":[1,2]},{"BatchInput":{"k":"v","fixed":1},"Items":[3]}]""",
            await Run.Output(def, """{"k":"v","items":[1,2,3]}"""));
    }

    [Fact]
    public async Task MaxItemsPerBatchPath_ReadsTheLimitFromTheInput()
    {
        var def = Map("""{"MaxItemsPerBatchPath":"$.n"}""");
        Assert.Equal("""[{"Items":[1,2,3]},{"Items":[4]}]""", await Run.Output(def, """{"n":3,"items":[1,2,3,4]}"""));
    }

    [Fact]
    public async Task MaxInputBytesPerBatch_BoundsTheChildInputSize()
    {
        // {"Items":[]} is 11 bytes, each "aaaa" 6 more and a comma: two fit in 25 bytes, three would need 31.
        var def = Map("""{"MaxInputBytesPerBatch":25}""");
        Assert.Equal("""[{"Items":["aaaa","bbbb"]},{"Items":["cccc","dddd"]},{"Items":["eeee"]}]""",
            await Run.Output(def, """{"items":["aaaa","bbbb","cccc","dddd","eeee"]}"""));
    }

    [Fact]
    public async Task ItemSelector_AppliesToEachItemBeforeBatching()
    {
        var def = Map("""{"MaxItemsPerBatch":2}""", "\"ItemSelector\":{\"v.$\":\"$$.Map.Item.Value\",\"i.$\":\"$$.Map.Item.Index\"},");
        Assert.Equal("""[{"Items":[{"v":"a","i":0},{"v":"b","i":1}]}]""", await Run.Output(def, """{"items":["a","b"]}"""));
    }

    [Fact]
    public async Task Jsonata_LimitAndBatchInputAreEvaluated()
    {
        var def = """
            {"QueryLanguage":"JSONata","StartAt":"M","States":{"M":{"Type":"Map","End":true,"Items":"{% $states.input.items %}",
              "ItemProcessor":{"ProcessorConfig":{"Mode":"DISTRIBUTED","ExecutionType":"EXPRESS"},"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
              "ItemBatcher":{"MaxItemsPerBatch":"{% $states.input.n %}","BatchInput":{"k":"{% $states.input.k %}"}}}}}
            """;
        Assert.Equal("""[{"BatchInput":{"k":7},"Items":[1]},{"BatchInput":{"k":7},"Items":[2]}]""",
            await Run.Output(def, """{"n":1,"k":7,"items":[1,2]}"""));
    }

    [Fact]
    public async Task MaxItemsPerBatchPath_NotAPositiveInteger_FailsRuntime()
    {
        var r = await Run.Async(Map("""{"MaxItemsPerBatchPath":"$.n"}"""), """{"n":"x","items":[1]}""");
        Assert.Equal((ExecutionStatus.Failed, "States.Runtime"), (r.Status, r.Error));
        Assert.Contains("MaxItemsPerBatchPath", r.Cause, StringComparison.Ordinal);
    }
}
