using System.Text.Json;

namespace Quickstep.Server.Tests.WebConsole;

/// <summary>The web console in a real browser (see <see cref="ConsoleBrowserScenario"/>): graph, start from the input editor, outcome colors, errors, Map iterations, lists, stop, sign-in.</summary>
public sealed class ConsoleBrowserTests(ConsoleBrowserScenario scenario) : IClassFixture<ConsoleBrowserScenario>
{
    private JsonElement R => scenario.Result;

    [Fact]
    public void BrowserAtRoot_IsRedirectedToTheConsole_AndSeesTheMachines()
    {
        Assert.Equal("/console/", R.GetProperty("redirectedTo").GetString());
        Assert.Equal(["console-orders", "console-waiter"], Strings("machinesListed"));
    }

    [Fact]
    public void MachineGraph_HasOneNodePerState_WithGroupsCatchAndRetry()
    {
        var nodes = Strings("machineGraphNodes");
        Assert.Equal(R.GetProperty("definitionStates").GetInt32(), nodes.Count);
        Assert.Equal(nodes.Count, nodes.Distinct(StringComparer.Ordinal).Count());
        Assert.Contains("Fan:parallel", Strings("groups"));
        Assert.Contains("Each:map", Strings("groups"));
        Assert.Contains("Lookup->Recover", Strings("catchEdges"));
        Assert.NotEmpty(Strings("retryShown"));
    }

    [Fact]
    public void InputEditor_RefusesInvalidJson_BeforeSending()
    {
        Assert.StartsWith("Not valid JSON", R.GetProperty("invalidInput").GetProperty("hint").GetString(), StringComparison.Ordinal);
        Assert.True(R.GetProperty("invalidInput").GetProperty("startDisabled").GetBoolean());
        Assert.Equal("Valid JSON", R.GetProperty("validInput").GetProperty("hint").GetString());
        Assert.False(R.GetProperty("validInput").GetProperty("startDisabled").GetBoolean());
    }

    [Fact]
    public void ExecutionStartedFromThePage_ColorsThePathTakenByOutcome()
    {
        Assert.Equal("FAILED", R.GetProperty("executionStatus").GetString());
        Assert.Equal(R.GetProperty("definitionStates").GetInt32(), R.GetProperty("executionGraphNodes").GetInt32());
        var statuses = R.GetProperty("nodeStatuses");
        Assert.Equal("succeeded", Status(statuses, "Prepare"));
        Assert.Equal("succeeded", Status(statuses, "Route"));
        Assert.Equal("caught", Status(statuses, "Lookup"));
        Assert.Equal("succeeded", Status(statuses, "Recover"));
        Assert.Equal("succeeded", Status(statuses, "Fan"));
        Assert.Equal("succeeded", Status(statuses, "Left"));
        Assert.Equal("failed", Status(statuses, "Each"));
        Assert.Equal("notRun", Status(statuses, "Done"));
        Assert.Contains("Prepare->Route", Strings("takenEdges"));
        Assert.Contains("Lookup->Recover", Strings("takenEdges"));
        Assert.DoesNotContain("Route->Done", Strings("takenEdges"));
    }

    [Fact]
    public void FailedState_ShowsItsErrorAndCause()
    {
        Assert.Contains("Custom.Boom", R.GetProperty("executionError").GetString(), StringComparison.Ordinal);
        var panel = R.GetProperty("stateError").GetString();
        Assert.NotNull(panel);
        Assert.Contains("Custom.Boom", panel, StringComparison.Ordinal);
        Assert.Contains("item 3 exploded", panel, StringComparison.Ordinal);
        // The Map that the failing iteration ended shows that error, not the earlier one its Catch handled.
        Assert.Contains("Custom.Boom", R.GetProperty("mapError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void MapIterations_CanBeOpened_EachWithItsOwnPath()
    {
        Assert.Equal(3, R.GetProperty("iterations").GetArrayLength());
        Assert.Equal("failed", Status(R.GetProperty("iteration2"), "Boom"));
        Assert.Equal("notRun", Status(R.GetProperty("iteration2"), "Double"));
        Assert.Equal("notRun", Status(R.GetProperty("iteration0"), "Boom"));
        Assert.Equal("succeeded", Status(R.GetProperty("iteration0"), "Double"));
        Assert.True(File.Exists(Path.Combine(ConsoleBrowserScenario.Screenshots, "execution.png")));
    }

    [Fact]
    public void ExecutionsList_FiltersByStatus_AndSearchesByName()
    {
        var name = R.GetProperty("executionName").GetString()!;
        Assert.Equal([name], Strings("failedListed"));
        Assert.Equal(0, R.GetProperty("succeededListed").GetInt32());
        Assert.Contains(name, Strings("searchListed"));
    }

    [Fact]
    public void RunningExecution_RefreshesLive_AndStopsWithTheButton()
    {
        Assert.Equal("RUNNING", R.GetProperty("runningStatus").GetString());
        Assert.Equal("inProgress", Status(R.GetProperty("runningNodes"), "Sleep"));
        Assert.Equal("ABORTED", R.GetProperty("stoppedStatus").GetString());
    }

    [Fact]
    public void ServicesAndUsagePages_ShowTheServerAndTheExecutions()
    {
        Assert.Contains("Queues (SQS)", Strings("servicesHeadings"));
        Assert.Contains("Schedules (EventBridge Scheduler)", Strings("servicesHeadings"));
        var orders = R.GetProperty("queueRows").EnumerateArray().Select(r => r.EnumerateArray().Select(c => c.GetString()).ToList()).Single(r => r[0] == "orders");
        Assert.Equal(["orders", "2", "0", "0", "orders-dlq"], orders);
        Assert.True(R.GetProperty("usageBars").GetInt32() > 0);
        Assert.Contains(Strings("usageRows"), row => row.StartsWith("console-orders1", StringComparison.Ordinal));
    }

    [Fact]
    public void ServerWithCredentials_PageAsksForAKey_AndSignsItsRequests()
    {
        Assert.True(R.GetProperty("signInAsked").GetBoolean());
        Assert.Contains("0 state machines", R.GetProperty("signedMachinesPage").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Pages_RaiseNoScriptErrors() => Assert.Empty(Strings("consoleErrors"));

    private List<string> Strings(string name) => [.. R.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>A node's status by state name (node ids are state paths, e.g. Each/Boom).</summary>
    private static string? Status(JsonElement statuses, string state) =>
        statuses.EnumerateObject().Single(p => p.Name == state || p.Name.EndsWith("/" + state, StringComparison.Ordinal)).Value.GetString();
}
