using Quickstep.Json;

namespace Quickstep.Graph.Tests;

public sealed class WorkflowGraphTests
{
    private static readonly WorkflowGraph Graph = WorkflowGraph.FromDefinition(Definitions.Everything);

    [Fact]
    public void FromDefinition_TopLevel_NodesEdgesStartAndEnds()
    {
        Assert.Equal("Check", Graph.StartAt);
        Assert.Equal(["Check", "Charge", "Par", "Done", "Reject"], Graph.Nodes.Select(n => n.Id));
        Assert.Equal(["Done", "Reject"], Graph.EndStates);
        Assert.Equal(
            ["Check->Charge choice $.total > 100", "Check->Par choice $.vip == true and not $.blocked is present", "Check->Reject default ", "Charge->Par next ", "Charge->Reject catch Declined, States.Timeout", "Par->Done next "],
            Graph.Edges.Select(e => $"{e.From}->{e.To} {e.KindName} {e.Label}"));
    }

    [Fact]
    public void FromDefinition_Nodes_CarryTypeDetailAndRetry()
    {
        var charge = Graph.FindNode("Charge")!;
        Assert.Equal("Task", charge.Type);
        Assert.Equal("function:charge", charge.Detail);
        Assert.Equal("Retry: States.ALL ×3", charge.Retry);
        Assert.Equal("5s", Graph.FindNode("Par/0/A")!.Detail);
        Assert.Equal("Rejected", Graph.FindNode("Reject")!.Detail);
        Assert.Null(Graph.FindNode("Par")!.Retry);
    }

    [Fact]
    public void FromDefinition_Groups_NestWithPathIds()
    {
        var par = Graph.FindNode("Par")!;
        Assert.Equal(GraphGroupKind.Parallel, par.Group!.Kind);
        Assert.Equal(2, par.Group.Branches.Count);
        Assert.Equal(["Par/0/A", "Par/0/B"], par.Group.Branches[0].Nodes.Select(n => n.Id));
        Assert.Equal("Par/0/A", par.Group.Branches[0].StartAt);
        var items = Graph.FindNode("Par/1/Items")!;
        Assert.Equal(GraphGroupKind.Map, items.Group!.Kind);
        Assert.Equal("items $.items, max 2", items.Detail);
        Assert.Equal("Par/1/Items/Inner", items.Group.Branches.Single().StartAt);
        Assert.Equal("Deep", Graph.FindNode("Par/1/Items/Inner/0/Deep")!.Name);
        Assert.Same(Graph.FindNode("Par/1/Items/Inner/0/Deep"), Graph.FindByName("Deep"));
        Assert.Equal(10, Graph.AllNodes().Count());
        Assert.Equal(10, Graph.AllNodes().Select(n => n.Id).Distinct().Count());
    }

    [Fact]
    public void ToJson_HasTheConsoleShape()
    {
        var json = (JObject)JsonText.Parse(Graph.ToJson());
        Assert.Equal(["startAt", "nodes", "edges"], json.Keys);
        var charge = (JObject)((JArray)json["nodes"]!)[1];
        Assert.Equal("""{"id":"Charge","name":"Charge","type":"Task","detail":"function:charge","retry":"Retry: States.ALL ×3","end":false}""", charge.ToString());
        var par = (JObject)((JArray)json["nodes"]!)[2];
        var group = (JObject)par["group"]!;
        Assert.Equal("parallel", ((JString)group["kind"]!).Value);
        var branch1 = (JObject)((JArray)group["branches"]!)[1];
        Assert.Equal(["startAt", "nodes", "edges"], branch1.Keys);
        var items = (JObject)((JArray)branch1["nodes"]!)[0];
        Assert.Equal("map", ((JString)((JObject)items["group"]!)["kind"]!).Value);
        Assert.True(((JObject)((JArray)json["edges"]!)[4]).TryGetValue("label", out var label));
        Assert.Equal("Declined, States.Timeout", ((JString)label).Value);
        Assert.False(((JObject)((JArray)json["edges"]!)[3]).ContainsKey("label"));
    }

    [Fact]
    public void FromDefinition_Invalid_ThrowsWithDiagnostics()
    {
        var ex = Assert.Throws<GraphDefinitionException>(() => WorkflowGraph.FromDefinition("""{"StartAt":"Nope","States":{"A":{"Type":"Pass","End":true}}}"""));
        Assert.NotEmpty(ex.Diagnostics);
        Assert.Null(WorkflowGraph.TryFromDefinition("not json").Graph);
    }

    [Fact]
    public void FromDefinition_NamesWithSlash_AreEscapedInIds()
    {
        var g = WorkflowGraph.FromDefinition("""{"StartAt":"a/b","States":{"a/b":{"Type":"Pass","Next":"c~d"},"c~d":{"Type":"Succeed"}}}""");
        Assert.Equal(["a~1b", "c~0d"], g.Nodes.Select(n => n.Id));
        Assert.Equal("a~1b", g.StartAt);
        Assert.Equal("c~0d", g.Edges.Single().To);
    }

    [Fact]
    public void FromDefinition_JsonataCondition_IsTheExpression()
    {
        var g = WorkflowGraph.FromDefinition("""{"QueryLanguage":"JSONata","StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Condition":"{% $states.input.n > 1 %}","Next":"Y"}],"Default":"Y"},"Y":{"Type":"Succeed"}}}""");
        Assert.Equal("$states.input.n > 1", g.Edges[0].Label);
    }
}
