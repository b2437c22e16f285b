using Quickstep.Json;

namespace Quickstep.Graph.Tests;

public sealed class ExecutionOverlayTests
{
    private const string Fn = Executions.Fn;

    private static string Statuses(IReadOnlyDictionary<string, NodeOverlay> nodes) => string.Join(" ", nodes.Select(n => $"{n.Key}={n.Value.Status.ToName()}"));

    private static string Taken(ExecutionOverlay o) => string.Join(" ", o.Edges.Select(e => $"{e.From}-{GraphEdge.NameOf(e.Kind)}->{e.To}"));

    [Fact]
    public async Task SuccessPath_ColorsTakenStatesAndEdges()
    {
        const string def = """
        {"StartAt":"Check","States":{
          "Check":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericGreaterThan":1,"Next":"Big"}],"Default":"Small"},
          "Big":{"Type":"Pass","Result":{"size":"big"},"Next":"Done"},
          "Small":{"Type":"Fail","Error":"Small"},
          "Done":{"Type":"Succeed"}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def, """{"n":5}""");
        Assert.Equal("SUCCEEDED", o.Status);
        Assert.Equal("Check=succeeded Big=succeeded Small=notRun Done=succeeded", Statuses(o.Nodes));
        Assert.Equal("Check-choice->Big Big-next->Done", Taken(o));
        var big = o.Nodes["Big"];
        Assert.Equal("""{"n":5}""", big.Input);
        Assert.Equal("""{"size":"big"}""", big.Output);
        Assert.Equal(4, big.EnteredEventId);
        Assert.Equal(5, big.ExitedEventId);
        Assert.Equal(0, big.Retries);
        Assert.Null(big.Error);
    }

    [Fact]
    public async Task CaughtFailure_FailingStateIsCaughtAndTheCatchEdgeTaken()
    {
        const string def = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"%FN%boom","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":2,"IntervalSeconds":1}],
                    "Catch":[{"ErrorEquals":["Boom"],"Next":"Recover"}],"Next":"Done"},
          "Recover":{"Type":"Pass","Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def);
        Assert.Equal("SUCCEEDED", o.Status);
        Assert.Equal("Charge=caught Recover=succeeded Done=succeeded", Statuses(o.Nodes));
        Assert.Equal("Charge-catch->Recover Recover-next->Done", Taken(o));
        var charge = o.Nodes["Charge"];
        Assert.Equal(2, charge.Retries);
        Assert.Equal("Boom", charge.Error);
        Assert.Contains("it broke", charge.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RetryThatSucceeds_IsSucceededNotCaught()
    {
        // The Choice loops back once, so Work runs twice; the second visit is the one shown.
        const string def = """
        {"StartAt":"Work","States":{
          "Work":{"Type":"Task","Resource":"%FN%echo","Retry":[{"ErrorEquals":["States.ALL"]}],"Catch":[{"ErrorEquals":["States.ALL"],"Next":"Done"}],"ResultPath":null,"Next":"Again"},
          "Again":{"Type":"Choice","Choices":[{"Variable":"$.looped","IsPresent":false,"Next":"Mark"}],"Default":"Done"},
          "Mark":{"Type":"Pass","Result":true,"ResultPath":"$.looped","Next":"Work"},
          "Done":{"Type":"Succeed"}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def);
        Assert.Equal("Work=succeeded Again=succeeded Mark=succeeded Done=succeeded", Statuses(o.Nodes));
        Assert.Equal(2, o.Nodes["Work"].Visits);
        Assert.Equal("""{"looped":true}""", o.Nodes["Work"].Input);
        Assert.Equal("Work-next->Again Again-choice->Mark Mark-next->Work Again-default->Done", Taken(o));
        Assert.Equal(2, o.Edges[0].Count);
    }

    [Fact]
    public async Task UncaughtFailure_FailsTheStateAndTheExecution()
    {
        const string def = """
        {"StartAt":"Charge","States":{
          "Charge":{"Type":"Task","Resource":"%FN%boom","Next":"Done"},
          "Done":{"Type":"Succeed"}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def);
        Assert.Equal("FAILED", o.Status);
        Assert.Equal("Boom", o.Error);
        Assert.Equal("Charge=failed Done=notRun", Statuses(o.Nodes));
        Assert.Equal("Boom", o.Nodes["Charge"].Error);
        Assert.Null(o.Nodes["Charge"].ExitedEventId);
        Assert.Empty(o.Edges);
    }

    [Fact]
    public async Task FailState_IsFailedWithTheExecutionsError()
    {
        var (_, o, _) = await Executions.OverlayAsync("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"Stop"},"Stop":{"Type":"Fail","Error":"Nope","Cause":"because"}}}""");
        Assert.Equal("A=succeeded Stop=failed", Statuses(o.Nodes));
        Assert.Equal("Nope", o.Nodes["Stop"].Error);
        Assert.Equal("because", o.Nodes["Stop"].Cause);
    }

    [Fact]
    public async Task Map_IterationsHaveTheirOwnStates()
    {
        const string def = """
        {"StartAt":"Each","States":{
          "Each":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"Pick","States":{
             "Pick":{"Type":"Choice","Choices":[{"Variable":"$","NumericEquals":2,"Next":"Bad"}],"Default":"Good"},
             "Good":{"Type":"Pass","End":true},
             "Bad":{"Type":"Task","Resource":"%FN%boom","Catch":[{"ErrorEquals":["States.ALL"],"Next":"Good"}],"End":true}}},
           "End":true}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def, """{"xs":[1,2,3]}""");
        Assert.Equal("SUCCEEDED", o.Status);
        var each = o.Nodes["Each"];
        Assert.Equal(NodeStatus.Succeeded, each.Status);
        Assert.Equal([0, 1, 2], each.Iterations!.Select(i => i.Index));
        Assert.All(each.Iterations!, i => Assert.Equal(NodeStatus.Succeeded, i.Status));
        Assert.Equal("Each/Pick=succeeded Each/Good=succeeded Each/Bad=notRun", Statuses(each.Iterations![0].Nodes));
        Assert.Equal("Each/Pick=succeeded Each/Good=succeeded Each/Bad=caught", Statuses(each.Iterations![1].Nodes));
        Assert.Equal("2", each.Iterations![1].Nodes["Each/Pick"].Input);
        Assert.Equal("3", each.Iterations![2].Nodes["Each/Good"].Output);

        // The flat view shows a nested node by its most telling run and counts every run.
        Assert.Equal(NodeStatus.Caught, o.Nodes["Each/Bad"].Status);
        Assert.Equal(3, o.Nodes["Each/Good"].Visits);
        Assert.Contains("Each/Bad-catch->Each/Good", Taken(o), StringComparison.Ordinal);
    }

    [Fact]
    public async Task NestedMaps_InterleavedIterations_AreAttributedByEventChain()
    {
        const string def = """
        {"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"Inner","States":{
          "Inner":{"Type":"Map","ItemsPath":"$.ys","ItemProcessor":{"StartAt":"W","States":{
            "W":{"Type":"Wait","SecondsPath":"$.s","Next":"P"},"P":{"Type":"Pass","End":true}}},"End":true}}},"End":true}}}
        """;
        var (_, o, r) = await Executions.OverlayAsync(def, """{"xs":[{"ys":[{"s":2},{"s":1}]},{"ys":[{"s":1}]}]}""");

        // The waits finish out of order, so iterations' events interleave in the history.
        Assert.Contains(r.History!, e => e.Type == "MapIterationStarted" && e.PreviousEventId != e.Id - 1);
        var m = o.Nodes["M"];
        Assert.Equal(2, m.Iterations!.Count);
        var inner0 = m.Iterations[0].Nodes["M/Inner"];
        var inner1 = m.Iterations[1].Nodes["M/Inner"];
        Assert.Equal(2, inner0.Iterations!.Count);
        Assert.Single(inner1.Iterations!);
        Assert.Equal("""{"s":2}""", inner0.Iterations![0].Nodes["M/Inner/W"].Input);
        Assert.Equal("""{"s":1}""", inner0.Iterations![1].Nodes["M/Inner/P"].Output);
        Assert.Equal("""[{"s":2},{"s":1}]""", inner0.Output);
        Assert.Equal("""[{"s":1}]""", inner1.Output);
        Assert.All(inner0.Iterations!.Concat(inner1.Iterations!), i => Assert.Equal("M/Inner/W=succeeded M/Inner/P=succeeded", Statuses(i.Nodes)));
        Assert.Equal(3, o.Nodes["M/Inner/P"].Visits);
    }

    [Fact]
    public async Task MapIterationFailure_FailsIterationMapAndExecution()
    {
        const string def = """{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","MaxConcurrency":1,"ItemProcessor":{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%boom","End":true}}},"End":true}}}""";
        var (_, o, _) = await Executions.OverlayAsync(def, """{"xs":[1,2]}""");
        Assert.Equal("FAILED", o.Status);
        var m = o.Nodes["M"];
        Assert.Equal(NodeStatus.Failed, m.Status);
        Assert.Equal("Boom", m.Error);
        Assert.Equal(NodeStatus.Failed, m.Iterations![0].Status);
        Assert.Equal("M/T=failed", Statuses(m.Iterations[0].Nodes));
        Assert.Equal(NodeStatus.Failed, o.Nodes["M/T"].Status);
    }

    [Fact]
    public async Task Parallel_BranchesHaveTheirOwnStatus_AndTheCatchIsTaken()
    {
        const string def = """
        {"StartAt":"Par","States":{
          "Par":{"Type":"Parallel","Branches":[
              {"StartAt":"A","States":{"A":{"Type":"Wait","Seconds":2,"End":true}}},
              {"StartAt":"B","States":{"B":{"Type":"Task","Resource":"%FN%boom","Retry":[{"ErrorEquals":["States.ALL"],"MaxAttempts":1,"IntervalSeconds":1}],"End":true}}}],
            "Catch":[{"ErrorEquals":["States.ALL"],"Next":"F"}],"Next":"Ok"},
          "Ok":{"Type":"Succeed"},
          "F":{"Type":"Pass","End":true}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def);
        Assert.Equal("SUCCEEDED", o.Status);
        var par = o.Nodes["Par"];
        Assert.Equal(NodeStatus.Caught, par.Status);
        Assert.Equal("Boom", par.Error);
        Assert.Equal([NodeStatus.Aborted, NodeStatus.Failed], par.Branches!.Select(b => b.Status));
        Assert.Equal("Par/0/A=aborted", Statuses(par.Branches![0].Nodes));
        Assert.Equal("Par/1/B=failed", Statuses(par.Branches![1].Nodes));
        Assert.Equal(1, o.Nodes["Par/1/B"].Retries);
        Assert.Equal("Ok=notRun", $"Ok={o.Nodes["Ok"].Status.ToName()}");
        Assert.Equal("Par-catch->F", Taken(o));
    }

    [Fact]
    public async Task Parallel_Succeeded_BranchesSucceeded()
    {
        const string def = """
        {"StartAt":"Par","States":{"Par":{"Type":"Parallel","End":true,"Branches":[
          {"StartAt":"A","States":{"A":{"Type":"Pass","Next":"A2"},"A2":{"Type":"Pass","End":true}}},
          {"StartAt":"B","States":{"B":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"End":true}}}]}}}
        """;
        var (_, o, _) = await Executions.OverlayAsync(def, """{"xs":[7,8]}""");
        var par = o.Nodes["Par"];
        Assert.Equal(NodeStatus.Succeeded, par.Status);
        Assert.All(par.Branches!, b => Assert.Equal(NodeStatus.Succeeded, b.Status));
        Assert.Equal("Par/0/A=succeeded Par/0/A2=succeeded", Statuses(par.Branches![0].Nodes));
        Assert.Equal(2, par.Branches![1].Nodes["Par/1/B"].Iterations!.Count);
        Assert.Equal("8", o.Nodes["Par/1/B/I"].Output);
        Assert.Contains("Par/0/A-next->Par/0/A2", Taken(o), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PartialHistory_IsRunningWithTheCurrentStateInProgress()
    {
        const string def = """{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"T"},"T":{"Type":"Task","Resource":"%FN%echo","Next":"Z"},"Z":{"Type":"Succeed"}}}""";
        var r = await Executions.RunAsync(def);
        var graph = WorkflowGraph.FromDefinition(Executions.Expand(def));
        var upToTask = Executions.Events(r).TakeWhile(e => e.Type != "TaskStateExited");
        var o = ExecutionOverlay.FromHistory(graph, upToTask);
        Assert.Equal("RUNNING", o.Status);
        Assert.Equal("A=succeeded T=inProgress Z=notRun", Statuses(o.Nodes));
    }

    [Fact]
    public async Task FromHistoryJson_ReadsGetExecutionHistoryEvents()
    {
        var (graph, o, r) = await Executions.OverlayAsync(Definitions.Everything, """{"total":5,"vip":true,"items":[1,2]}""");
        var fromJson = ExecutionOverlay.FromHistoryJson(graph, r.History!.Select(e => e.ToJson().ToString()));
        Assert.Equal(o.ToJson(), fromJson.ToJson());
        Assert.Equal("SUCCEEDED", o.Status);
        Assert.Equal("Check=succeeded Charge=notRun Par=succeeded Par/0/A=succeeded Par/0/B=succeeded Par/1/Items=succeeded Par/1/Items/Inner=succeeded Par/1/Items/Inner/0/Deep=succeeded Done=succeeded Reject=notRun", Statuses(o.Nodes));
        Assert.Equal(2, o.Nodes["Par/1/Items/Inner/0/Deep"].Visits);
        var inner = o.Nodes["Par"].Branches![1].Nodes["Par/1/Items"].Iterations![1].Nodes["Par/1/Items/Inner"];
        Assert.Equal("2", inner.Branches![0].Nodes["Par/1/Items/Inner/0/Deep"].Output);
    }

    [Fact]
    public async Task ToJson_HasStatusNodesAndEdges()
    {
        var (_, o, _) = await Executions.OverlayAsync("""{"StartAt":"M","States":{"M":{"Type":"Map","ItemsPath":"$.xs","ItemProcessor":{"StartAt":"I","States":{"I":{"Type":"Pass","End":true}}},"Next":"E"},"E":{"Type":"Succeed"}}}""", """{"xs":[1]}""");
        var json = (JObject)JsonText.Parse(o.ToJson());
        Assert.Equal(["status", "nodes", "edges"], json.Keys);
        var nodes = (JObject)json["nodes"]!;
        Assert.Equal(["M", "M/I", "E"], nodes.Keys);
        var m = (JObject)nodes["M"]!;
        Assert.Equal(["status", "enteredEventId", "exitedEventId", "input", "output", "retries", "visits", "iterations"], m.Keys);
        var iteration = (JObject)((JArray)m["iterations"]!)[0];
        Assert.Equal("""{"index":0,"status":"succeeded","nodes":{"M/I":{"status":"succeeded","enteredEventId":5,"exitedEventId":6,"input":"1","output":"1","retries":0,"visits":1}}}""", iteration.ToString());
        Assert.Equal("""[{"from":"M","to":"E","kind":"next","count":1}]""", json["edges"]!.ToString());
    }
}
