namespace Quickstep.Engine.Tests;

public sealed class ChoiceStateTests
{
    private static string Machine(string rule) => """
        {"StartAt":"C","States":{
          "C":{"Type":"Choice","Choices":[%RULE%],"Default":"No"},
          "Yes":{"Type":"Pass","Result":"yes","End":true},
          "No":{"Type":"Pass","Result":"no","End":true}}}
        """.Replace("%RULE%", rule, StringComparison.Ordinal);

    [Theory]
    [InlineData("""{"Variable":"$.s","StringEquals":"abc","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","StringLessThan":"abd","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","StringGreaterThanEquals":"abc","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","StringMatches":"a*c","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","StringMatches":"a\\*c","Next":"Yes"}""", "no")]
    [InlineData("""{"Variable":"$.n","NumericEquals":3,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.n","NumericLessThan":3,"Next":"Yes"}""", "no")]
    [InlineData("""{"Variable":"$.n","NumericGreaterThanEqualsPath":"$.m","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.b","BooleanEquals":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.t","TimestampLessThan":"2026-01-02T00:00:00Z","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.t","TimestampEquals":"2026-01-01T01:00:00+01:00","Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.missing","IsPresent":false,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.z","IsNull":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.n","IsNumeric":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","IsString":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.b","IsBoolean":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.t","IsTimestamp":true,"Next":"Yes"}""", "yes")]
    [InlineData("""{"Variable":"$.s","NumericEquals":3,"Next":"Yes"}""", "no")]
    [InlineData("""{"And":[{"Variable":"$.n","NumericEquals":3},{"Variable":"$.b","BooleanEquals":true}],"Next":"Yes"}""", "yes")]
    [InlineData("""{"Or":[{"Variable":"$.n","NumericEquals":4},{"Variable":"$.b","BooleanEquals":false}],"Next":"Yes"}""", "no")]
    [InlineData("""{"Not":{"Variable":"$.n","NumericEquals":4},"Next":"Yes"}""", "yes")]
    public async Task Choice_Operator_PicksBranch(string rule, string expected)
    {
        var input = """{"s":"abc","n":3,"m":3,"b":true,"t":"2026-01-01T00:00:00Z","z":null}""";
        Assert.Equal($"\"{expected}\"", await Run.Output(Machine(rule), input));
    }

    [Fact]
    public async Task Choice_NoMatchNoDefault_FailsNoChoiceMatched()
    {
        var r = await Run.Async("""{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[{"Variable":"$.n","NumericEquals":1,"Next":"D"}]},"D":{"Type":"Succeed"}}}""", """{"n":2}""");
        Assert.Equal(ExecutionStatus.Failed, r.Status);
        Assert.Equal("States.NoChoiceMatched", r.Error);
    }
}
