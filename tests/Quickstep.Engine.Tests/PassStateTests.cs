namespace Quickstep.Engine.Tests;

public sealed class PassStateTests
{
    [Fact]
    public async Task Pass_NoFields_CopiesInputToOutput()
    {
        Assert.Equal("{\"a\":1}", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}}""", """{"a":1}"""));
    }

    [Fact]
    public async Task Pass_ResultWithResultPath_MergesIntoInput()
    {
        var def = """{"StartAt":"P","States":{"P":{"Type":"Pass","Result":{"x":1},"ResultPath":"$.b.c","End":true}}}""";
        Assert.Equal("{\"a\":1,\"b\":{\"c\":{\"x\":1}}}", await Run.Output(def, """{"a":1}"""));
    }

    [Fact]
    public async Task Pass_ParametersWithPathsContextAndIntrinsic_BuildsPayload()
    {
        var def = """
            {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"lit":"v","v.$":"$.a","n.$":"$$.State.Name","f.$":"States.Format('x{}', $.a)","deep":{"d.$":"$.a"}},"End":true}}}
            """;
        Assert.Equal("{\"lit\":\"v\",\"v\":7,\"n\":\"P\",\"f\":\"x7\",\"deep\":{\"d\":7}}", await Run.Output(def, """{"a":7}"""));
    }

    [Fact]
    public async Task Pass_InputPathNullAndOutputPathNull_GiveEmptyObjects()
    {
        Assert.Equal("{}", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","InputPath":null,"End":true}}}""", """{"a":1}"""));
        Assert.Equal("{}", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":null,"End":true}}}""", """{"a":1}"""));
    }

    [Fact]
    public async Task Pass_ResultPathNull_DiscardsResult()
    {
        Assert.Equal("{\"a\":1}", await Run.Output("""{"StartAt":"P","States":{"P":{"Type":"Pass","Result":5,"ResultPath":null,"End":true}}}""", """{"a":1}"""));
    }

    [Fact]
    public async Task Pass_MissingInputPath_FailsWithRuntimeAndEventId()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"P"},"P":{"Type":"Pass","InputPath":"$.nope","End":true}}}""");
        Assert.Equal(ExecutionStatus.Failed, r.Status);
        Assert.Equal("States.Runtime", r.Error);
        Assert.Equal("An error occurred while executing the state 'P' (entered at the event id #4). Invalid path '$.nope' : No results for path: $['nope']", r.Cause);
    }

    [Fact]
    public async Task Pass_OutputPathIntoMissingParent_ReportsMissingProperty()
    {
        var r = await Run.Async("""{"StartAt":"P","States":{"P":{"Type":"Pass","OutputPath":"$.no.such","End":true}}}""");
        Assert.Equal("An error occurred while executing the state 'P' (entered at the event id #2). Invalid path '$.no.such' : Missing property in path $['no']", r.Cause);
    }

    [Fact]
    public async Task Pass_Chain_CountsTransitions()
    {
        var r = await Run.Async("""{"StartAt":"A","States":{"A":{"Type":"Pass","Next":"B"},"B":{"Type":"Pass","Next":"C"},"C":{"Type":"Succeed"}}}""");
        Assert.Equal(3, r.Transitions);
    }
}
