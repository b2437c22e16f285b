namespace Quickstep.Graph.Tests;

/// <summary>An error a Catch handled is not the error of a later failure (found by the console's browser test).</summary>
public sealed class CaughtErrorOverlayTests
{
    [Fact]
    public async Task MapFailingAfterACaughtTask_ShowsTheFailStatesError_NotTheCaughtOne()
    {
        const string def = """
        {"StartAt":"Call","States":{
          "Call":{"Type":"Task","Resource":"%FN%boom","Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":null,"Next":"Each"}],"Next":"Each"},
          "Each":{"Type":"Map","ItemsPath":"$.items","End":true,"ItemProcessor":{"StartAt":"Check","States":{
            "Check":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Stop"}],"Default":"Fine"},
            "Fine":{"Type":"Pass","End":true},
            "Stop":{"Type":"Fail","Error":"Item.Bad","Cause":"item 2"}}}}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def, """{"items":[1,2]}""");
        Assert.Equal("FAILED", o.Status);
        Assert.Equal(NodeStatus.Caught, o.Nodes["Call"].Status);
        Assert.Equal("Boom", o.Nodes["Call"].Error);
        Assert.Equal(NodeStatus.Failed, o.Nodes["Each"].Status);
        Assert.Equal("Item.Bad", o.Nodes["Each"].Error);
        Assert.Equal("item 2", o.Nodes["Each"].Cause);
    }
}
