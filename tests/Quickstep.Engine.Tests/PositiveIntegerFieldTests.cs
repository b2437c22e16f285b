using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>
/// The positive whole numbers read per run (a Task's TimeoutSeconds/HeartbeatSeconds, an ItemBatcher's bounds) share one
/// evaluation; each still words an invalid value as AWS does for its field.
/// </summary>
public sealed class PositiveIntegerFieldTests
{
    private static string Batcher(string batcher, string language = "") =>
        "{" + language + "\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,"
        + (language.Length > 0 ? "\"Items\":\"{% $states.input.items %}\"," : "\"ItemsPath\":\"$.items\",")
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"EXPRESS\"},\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}},\"ItemBatcher\":"
        + batcher + "}}}";

    [Fact]
    public async Task TaskPath_InvalidValue_NamesThePathAndTheValue()
    {
        var def = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%echo","TimeoutSecondsPath":"$.t","End":true}}}""";
        var r = await Run.Async(def, """{"t":"x"}""", f => f.Register("echo", (JValue e) => e));
        Assert.Equal((ExecutionStatus.Failed, "States.Runtime"), (r.Status, r.Error));
        Assert.EndsWith("The TimeoutSecondsPath parameter references an invalid value: $.t == \"x\"", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskExpression_InvalidValue_QuotesTheExpression()
    {
        var def = """{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%echo","HeartbeatSeconds":"{% $states.input.h %}","End":true}}}""";
        var r = await Run.Async(def, """{"h":"x"}""", f => f.Register("echo", (JValue e) => e));
        Assert.Equal((ExecutionStatus.Failed, "States.QueryEvaluationError"), (r.Status, r.Error));
        Assert.Contains("The JSONata expression '", r.Cause, StringComparison.Ordinal);
        Assert.Contains("$states.input.h", r.Cause, StringComparison.Ordinal);
        Assert.EndsWith("' specified for the field 'HeartbeatSeconds' returned an unexpected result type. Expected 'integer', but was 'string' for value: \"x\"", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatcherPath_InvalidValue_NamesTheValueAsMapDoes()
    {
        var r = await Run.Async(Batcher("""{"MaxInputBytesPerBatchPath":"$.n"}"""), """{"n":1.5,"items":[1]}""");
        Assert.Equal((ExecutionStatus.Failed, "States.Runtime"), (r.Status, r.Error));
        Assert.EndsWith("The MaxInputBytesPerBatchPath field refers to value \"1.5\" which is not a valid integer: $.n", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BatcherExpression_InvalidValue_DoesNotQuoteTheExpression()
    {
        var r = await Run.Async(Batcher("""{"MaxItemsPerBatch":"{% $states.input.n %}"}""", "\"QueryLanguage\":\"JSONata\","), """{"n":0,"items":[1]}""");
        Assert.Equal((ExecutionStatus.Failed, "States.QueryEvaluationError"), (r.Status, r.Error));
        Assert.EndsWith("The JSONata expression specified for the field 'MaxItemsPerBatch' returned an unexpected result type. Expected 'integer', but was 'number' for value: 0", r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TaskLiteral_AndBatcherLiteral_AreUsedAsGiven()
    {
        var task = """{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%echo","TimeoutSeconds":5,"HeartbeatSeconds":2,"End":true}}}""";
        var r = await Run.Async(task, """{"a":1}""", f => f.Register("echo", (JValue e) => e), history: true);
        Assert.Equal(ExecutionStatus.Succeeded, r.Status);
        var scheduled = r.History!.Single(e => e.Type == "LambdaFunctionScheduled");
        Assert.Equal(5, ((JNumber)scheduled.Details!["timeoutInSeconds"]!).Value);
        Assert.Equal("""[{"Items":[1]},{"Items":[2]}]""", await Run.Output(Batcher("""{"MaxItemsPerBatch":1}"""), """{"items":[1,2]}"""));
    }
}
