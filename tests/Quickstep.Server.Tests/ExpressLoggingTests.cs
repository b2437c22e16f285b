using System.Text.Json;
using Quickstep.Engine.History;
using Quickstep.Json;
using Quickstep.Server.Hosting;
using Quickstep.Storage;

namespace Quickstep.Server.Tests;

public sealed class ExpressLoggingTests
{
    private static readonly DateTimeOffset T = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private const string Arn = "arn:aws:states:us-east-1:123456789012:express:sm:n:u";

    private static JObject Data(string key) => new JObjectBuilder()
        .AddUnique("name", JValue.FromString("S"))
        .AddUnique(key, JValue.FromString("{\"secret\":1}"))
        .AddUnique(key + "Details", new JObjectBuilder().AddUnique("truncated", JValue.False).Build())
        .Build();

    private static readonly HistoryEvent[] Events =
    [
        new("ExecutionStarted", 1, 0, T, "executionStartedEventDetails", Data("input").Without("name").With("roleArn", JValue.FromString("r"))),
        new("TaskStateEntered", 2, 1, T, "stateEnteredEventDetails", Data("input")),
        new("TaskFailed", 3, 2, T, "taskFailedEventDetails", new JObjectBuilder().AddUnique("error", JValue.FromString("E")).Build()),
        new("FailStateEntered", 4, 3, T, "stateEnteredEventDetails", Data("input")),
        new("ExecutionFailed", 5, 4, T, "executionFailedEventDetails", new JObjectBuilder().AddUnique("error", JValue.FromString("E")).Build()),
    ];

    [Theory]
    [InlineData("ALL", new[] { 1, 2, 3, 4, 5 })]
    [InlineData("ERROR", new[] { 3, 4, 5 })]
    [InlineData("FATAL", new[] { 5 })]
    [InlineData("OFF", new int[0])]
    public void Records_Level_KeepsTheEventsAwsLogs(string level, int[] ids)
    {
        var records = ExpressLogging.Records($$"""{"level":"{{level}}","includeExecutionData":true}""", Events, Arn);
        Assert.Equal(ids.Select(i => (long)i), records.Select(r => r.Id));
    }

    [Fact]
    public void Records_AwsShape_WithAndWithoutExecutionData()
    {
        var with = ExpressLogging.Records("""{"level":"ALL","includeExecutionData":true}""", Events, Arn);
        using var entered = JsonDocument.Parse(with[1].Json);
        var e = entered.RootElement;
        Assert.Equal("2", e.GetProperty("id").GetString());
        Assert.Equal("TaskStateEntered", e.GetProperty("type").GetString());
        Assert.Equal("0", e.GetProperty("previous_event_id").GetString()); // AWS quirk: the first *StateEntered points at 0.
        Assert.Equal(T.ToUnixTimeMilliseconds().ToString(System.Globalization.CultureInfo.InvariantCulture), e.GetProperty("event_timestamp").GetString());
        Assert.Equal(Arn, e.GetProperty("execution_arn").GetString());
        Assert.Equal("{\"secret\":1}", e.GetProperty("details").GetProperty("input").GetString());
        using var fail = JsonDocument.Parse(with[3].Json);
        Assert.Equal("3", fail.RootElement.GetProperty("previous_event_id").GetString());

        var without = ExpressLogging.Records("""{"level":"ALL","includeExecutionData":false}""", Events, Arn);
        using var started = JsonDocument.Parse(without[0].Json);
        var details = started.RootElement.GetProperty("details");
        Assert.False(details.TryGetProperty("input", out _));
        Assert.False(details.TryGetProperty("inputDetails", out _));
        Assert.Equal("r", details.GetProperty("roleArn").GetString());
    }

    [Theory]
    [InlineData("ALL", true)]
    [InlineData("ALL", false)]
    [InlineData("ERROR", true)]
    [InlineData("FATAL", false)]
    public void Records_FromStoredHistory_SameAsWhenItRan(string level, bool include)
    {
        // Milliseconds that a binary double would not keep exactly: the stored timestamp is seconds with a fraction.
        var at = T.AddMilliseconds(123_457);
        var events = Events.Select(e => new HistoryEvent(e.Type, e.Id, e.PreviousEventId, at.AddMilliseconds(e.Id), e.DetailsName, e.Details)).ToArray();
        var execution = new ExecutionRecord
        {
            Arn = Arn,
            StateMachineArn = "sm",
            Name = "n",
            Status = Quickstep.Engine.ExecutionStatus.Failed,
            Input = "{}",
            StartDate = at,
            LogLevel = level,
            LogIncludesExecutionData = include,
        };
        var history = events.Select(e => new HistoryRecord(e.Id, HistoryJson.ToJson(e))).ToArray();

        var derived = ExpressLogging.Records(execution, history);

        var configuration = $$"""{"level":"{{level}}","includeExecutionData":{{(include ? "true" : "false")}}}""";
        Assert.Equal(ExpressLogging.Records(configuration, events, Arn), derived);
    }
}
