using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Quickstep.Server.Tests.Events;

/// <summary>Every EventBridge operation and error code as the official AWS SDK for JavaScript sees them (sdk/events.mjs).</summary>
public sealed class EventBridgeSdkTests : IClassFixture<EventBridgeScenario>
{
    private const string BusArn = "arn:aws:events:us-east-1:123456789012:event-bus/";
    private readonly EventBridgeScenario _scenario;

    public EventBridgeSdkTests(EventBridgeScenario scenario) => _scenario = scenario;

    private JsonElement Step(string name) => _scenario.Result.GetProperty(name);

    private void AssertError(string step, string code, int status, string? message = null)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {code}, got {s}");
        Assert.Equal(code, s.GetProperty("error").GetString());
        Assert.Equal(status, s.GetProperty("status").GetInt32());
        if (message is not null)
            Assert.Equal(message, s.GetProperty("message").GetString());
    }

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    [Fact]
    public void DescribeEventBus_Default_Exists()
    {
        var d = Step("describeDefault");
        Assert.Equal("default", d.GetProperty("Name").GetString());
        Assert.Equal(BusArn + "default", d.GetProperty("Arn").GetString());
        Assert.True(d.GetProperty("CreationTime").GetBoolean());
        Assert.True(d.GetProperty("LastModifiedTime").GetBoolean());
    }

    [Fact]
    public void CreateEventBus_NewName_ReturnsArnAndDescription()
    {
        Assert.Equal(BusArn + "orders", Step("create").GetProperty("EventBusArn").GetString());
        Assert.Equal("order events", Step("create").GetProperty("Description").GetString());
        var d = Step("describeByArn");
        Assert.Equal("orders", d.GetProperty("Name").GetString());
        Assert.Equal("order events", d.GetProperty("Description").GetString());
    }

    [Fact]
    public void CreateEventBus_Conflicts_AreRefused()
    {
        AssertError("createDuplicate", "ResourceAlreadyExistsException", 400, "Event bus orders already exists.");
        AssertError("createDefault", "ResourceAlreadyExistsException", 400, "Event bus default already exists.");
        AssertError("createBadName", "ValidationException", 400);
    }

    [Fact]
    public void DescribeEventBus_Missing_IsResourceNotFound()
    {
        AssertError("describeMissing", "ResourceNotFoundException", 400, "Event bus nope does not exist.");
        AssertError("describeDeleted", "ResourceNotFoundException", 400, "Event bus orders does not exist.");
    }

    [Fact]
    public void ListEventBuses_PrefixAndPaging_Work()
    {
        Assert.Equal(["default", "orders", "orders-eu", "payments"], Strings(Step("listAll")));
        Assert.Equal(["orders", "orders-eu"], Strings(Step("listPrefix")));
        Assert.Equal(["default", "orders", "orders-eu", "payments"], Strings(Step("listPaged").GetProperty("names")));
        Assert.Equal(4, Step("listPaged").GetProperty("pages").GetInt32());
        AssertError("listBadLimit", "ValidationException", 400);
    }

    [Fact]
    public void PutEvents_MixedEntries_AnswersPerEntryAsAws()
    {
        var put = Step("put");
        Assert.Equal(4, put.GetProperty("FailedEntryCount").GetInt32());
        var e = put.GetProperty("Entries").EnumerateArray().ToArray();
        Assert.Equal(7, e.Length);
        Assert.True(e[0].GetProperty("EventId").GetBoolean());
        Assert.True(e[1].GetProperty("EventId").GetBoolean());
        Assert.Equal("InvalidArgument", e[2].GetProperty("ErrorCode").GetString());
        Assert.Equal("Parameter DetailType is not valid. Reason: DetailType is a required argument.", e[2].GetProperty("ErrorMessage").GetString());
        Assert.Equal("MalformedDetail", e[3].GetProperty("ErrorCode").GetString());
        Assert.Equal("Detail is malformed.", e[3].GetProperty("ErrorMessage").GetString());
        Assert.Equal("Parameter Source is not valid. Reason: Source is a required argument.", e[4].GetProperty("ErrorMessage").GetString());
        Assert.Equal("Parameter Detail is not valid. Reason: Detail is a required argument.", e[5].GetProperty("ErrorMessage").GetString());
        Assert.True(e[6].GetProperty("EventId").GetBoolean());
        AssertError("putTooMany", "ValidationException", 400);
        AssertError("putEmpty", "ValidationException", 400);
    }

    [Fact]
    public async Task PutEvents_AcceptedEvents_AreStoredDurablyInTheEnvelope()
    {
        await using var c = new SqliteConnection("Data Source=" + _scenario.Server.Server.DatabasePath + ";Mode=ReadOnly;Pooling=False");
        await c.OpenAsync();
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT bus, json FROM bus_events ORDER BY seq";
        await using var r = await cmd.ExecuteReaderAsync();
        var rows = new List<(string Bus, JsonElement Event)>();
        while (await r.ReadAsync())
            rows.Add((r.GetString(0), JsonDocument.Parse(r.GetString(1)).RootElement.Clone()));
        // The event for a bus that does not exist is answered but not kept.
        Assert.Equal(["default", "orders"], rows.Select(x => x.Bus));
        var placed = rows[0].Event;
        Assert.Equal(["version", "id", "detail-type", "source", "account", "time", "region", "resources", "detail"], placed.EnumerateObject().Select(p => p.Name));
        Assert.Equal("0", placed.GetProperty("version").GetString());
        Assert.Equal("OrderPlaced", placed.GetProperty("detail-type").GetString());
        Assert.Equal("com.example.orders", placed.GetProperty("source").GetString());
        Assert.Equal("123456789012", placed.GetProperty("account").GetString());
        Assert.Equal("us-east-1", placed.GetProperty("region").GetString());
        Assert.Equal(42.5, placed.GetProperty("detail").GetProperty("total").GetDouble());
        var shipped = rows[1].Event;
        Assert.Equal("2026-01-02T03:04:05Z", shipped.GetProperty("time").GetString());
        Assert.Equal(["arn:aws:s3:::bucket/o-2"], Strings(shipped.GetProperty("resources")));
    }

    [Fact]
    public void TestEventPattern_MatchesAndErrors_AsAws()
    {
        Assert.True(Step("testMatch").GetBoolean());
        Assert.False(Step("testNoMatch").GetBoolean());
        AssertError("testBadPattern", "InvalidEventPatternException", 400, "Event pattern is not valid. Reason: \"source\" must be an object or an array");
        AssertError("testBadNumeric", "InvalidEventPatternException", 400, "Event pattern is not valid. Reason: Bottom must be less than top");
        AssertError("testBadEvent", "ValidationException", 400, "Parameter Event is not valid.");
        AssertError("testNoResources", "ValidationException", 400, "Parameter Event is not valid.");
    }

    [Fact]
    public void DeleteEventBus_MissingSucceeds_DefaultRefused()
    {
        Assert.Equal("ok", Step("delete").GetString());
        Assert.Equal("ok", Step("deleteMissing").GetString());
        AssertError("deleteDefault", "ValidationException", 400, "Cannot delete event bus default.");
    }
}
