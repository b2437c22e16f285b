using Quickstep.Asl.Errors;
using Quickstep.Engine.Testing;
using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>TestState through the engine's API: statuses, inspection stages, mocks, context, variables and refusals.</summary>
public sealed class StateTestTests
{
    private const string RetryingTask = """
        {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"},
         "Retry": [{"ErrorEquals": ["Other"], "MaxAttempts": 1}, {"ErrorEquals": ["Boom"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxAttempts": 4}],
         "Catch": [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.err", "Next": "Handle"}], "End": true}
        """;

    private static readonly StateTestMock Boom = new() { Error = new StatesError("Boom", "it broke") };

    private static Task<StateTestResult> Test(StateTestRequest request, VirtualTimeProvider? clock = null) =>
        Engine(clock ?? new VirtualTimeProvider(Run.Start)).TestStateAsync(request);

    private static QuickstepEngine Engine(VirtualTimeProvider clock) => new(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker });

    [Fact]
    public async Task Retrier_Matches_RetriableAtOnceWithTheBackoffOfTheNextAttempt()
    {
        var clock = new VirtualTimeProvider(Run.Start);
        var r = await Test(new StateTestRequest { Definition = RetryingTask, Mock = Boom, InspectionLevel = InspectionLevel.Debug, Configuration = new StateTestConfiguration { RetrierRetryCount = 2 } }, clock);

        Assert.Equal(StateTestStatus.Retriable, r.Status);
        Assert.Equal(("Boom", "it broke"), (r.Error, r.Cause));
        Assert.Equal(1, r.Inspection!.ErrorDetails!.RetryIndex);
        Assert.Equal(18, r.Inspection.ErrorDetails.RetryBackoffIntervalSeconds); // 2 × 3^2
        Assert.Equal(Run.Start, clock.GetUtcNow()); // no backoff was waited through
    }

    [Fact]
    public async Task Retrier_Exhausted_CatcherHandles_CaughtErrorWithNextStateAndOutput()
    {
        var r = await Test(new StateTestRequest { Definition = RetryingTask, Input = JsonText.Parse("""{"a": 1}"""), Mock = Boom, InspectionLevel = InspectionLevel.Trace, Configuration = new StateTestConfiguration { RetrierRetryCount = 4 } });

        Assert.Equal(StateTestStatus.CaughtError, r.Status);
        Assert.Equal("Handle", r.NextState);
        Assert.Equal("""{"a":1,"err":{"Error":"Boom","Cause":"it broke"}}""", r.Output!.ToString());
        Assert.Equal(("Boom", "it broke"), (r.Error, r.Cause));
        Assert.Equal((1, 0), (r.Inspection!.ErrorDetails!.RetryIndex, r.Inspection.ErrorDetails.CatchIndex));
    }

    [Fact]
    public async Task PassAtDebug_ReportsEachStageOfTheDataFlow()
    {
        var r = await Test(new StateTestRequest
        {
            Definition = """{"Type": "Pass", "InputPath": "$.in", "Parameters": {"v.$": "$.x"}, "ResultPath": "$.out", "OutputPath": "$.out", "Next": "After"}""",
            Input = JsonText.Parse("""{"in": {"x": 7}}"""),
            InspectionLevel = InspectionLevel.Debug,
        });

        Assert.Equal((StateTestStatus.Succeeded, "After", """{"v":7}"""), (r.Status, r.NextState, r.Output!.ToString()));
        var i = r.Inspection!;
        Assert.Equal("""{"x":7}""", i.AfterInputPath!.ToString());
        Assert.Equal("""{"v":7}""", i.AfterParameters!.ToString());
        Assert.Equal("""{"in":{"x":7},"out":{"v":7}}""", i.AfterResultPath!.ToString());
    }

    [Fact]
    public async Task InfoLevel_ReportsNoInspectionData()
    {
        var r = await Test(new StateTestRequest { Definition = """{"Type": "Pass", "End": true}""" });
        Assert.Equal(StateTestStatus.Succeeded, r.Status);
        Assert.Null(r.Inspection);
    }

    [Fact]
    public async Task StateName_RunsThatStateOfTheMachine_WithVariablesAndGivenContext()
    {
        var r = await Test(new StateTestRequest
        {
            Definition = """
                {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
                  "A": {"Type": "Pass", "Next": "B"},
                  "B": {"Type": "Pass", "Output": {"sum": "{% $base + $states.input.n %}", "who": "{% $states.context.Execution.Name %}"}, "Assign": {"base": "{% $base * 2 %}"}, "Next": "C"},
                  "C": {"Type": "Succeed"}}}
                """,
            StateName = "B",
            Input = JsonText.Parse("""{"n": 1}"""),
            Variables = (JObject)JsonText.Parse("""{"base": 10}"""),
            Context = (JObject)JsonText.Parse("""{"Execution": {"Name": "given"}}"""),
            InspectionLevel = InspectionLevel.Debug,
        });

        Assert.Equal((StateTestStatus.Succeeded, "C"), (r.Status, r.NextState));
        Assert.Equal("""{"sum":11,"who":"given"}""", r.Output!.ToString());
        Assert.Equal("""{"base":20}""", r.Inspection!.Variables!.ToString());
    }

    [Fact]
    public async Task MockedParallel_BranchesDoNotRun_TheMockIsTheResult()
    {
        var r = await Test(new StateTestRequest
        {
            Definition = """{"Type": "Parallel", "ResultPath": "$.r", "Branches": [{"StartAt": "F", "States": {"F": {"Type": "Fail", "Error": "X"}}}], "End": true}""",
            Mock = new StateTestMock { Result = JsonText.Parse("[1]") },
        });

        Assert.Equal(StateTestStatus.Succeeded, r.Status);
        Assert.Equal("""{"r":[1]}""", r.Output!.ToString());
    }

    [Fact]
    public async Task MockedMap_IterationFailuresOverTheTolerance_ExceedToleratedFailureThreshold()
    {
        var r = await Test(new StateTestRequest
        {
            Definition = """{"Type": "Map", "ToleratedFailureCount": 1, "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""",
            Input = JsonText.Parse("[1, 2, 3]"),
            Mock = new StateTestMock { Result = JsonText.Parse("[1, 2, 3]") },
            Configuration = new StateTestConfiguration { MapIterationFailureCount = 2 },
            InspectionLevel = InspectionLevel.Debug,
        });

        Assert.Equal((StateTestStatus.Failed, StatesErrors.ExceedToleratedFailureThreshold), (r.Status, r.Error));
        Assert.Equal((0, 1), (r.Inspection!.MaxConcurrency, r.Inspection.ToleratedFailureCount));
    }

    [Theory]
    [InlineData("""{"Type": "Pass", "End": true}""", true, null, "State type 'Pass' is not supported when a mock is specified")]
    [InlineData("""{"Type": "Map", "ItemProcessor": {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}, "End": true}""", false, null, "TestState API does not support Map or Parallel states. Supported state types include: [Task, Wait, Pass, Succeed, Fail, Choice]")]
    [InlineData("""{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}""", true, """{"Task": {"Token": "t"}}""", "Invalid Context object provided: Context object contains 'Task' when state is not a Task state with a '.sync' or '.waitForTaskToken' service integration pattern")]
    [InlineData("""{"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}""", true, """{"State": {"RetryCount": "0"}}""", "Invalid Context object provided: State.RetryCount must be a number")]
    public async Task RefusedRequests_StateTestException(string definition, bool mocked, string? context, string message)
    {
        var e = await Assert.ThrowsAsync<StateTestException>(() => Test(new StateTestRequest
        {
            Definition = definition,
            Mock = mocked ? new StateTestMock { Result = JObject.Empty } : null,
            Context = context is null ? null : (JObject)JsonText.Parse(context),
        }));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public async Task UnknownStateName_ValidationException()
    {
        var e = await Assert.ThrowsAsync<StateTestException>(() => Test(new StateTestRequest { Definition = """{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true}}}""", StateName = "Z" }));
        Assert.Equal("State not found in definition", e.Message);
        Assert.False(e.IsDefinitionError);
    }

    [Fact]
    public async Task InvalidState_InvalidDefinitionWithThePointerUnderStateName()
    {
        var e = await Assert.ThrowsAsync<InvalidDefinitionException>(() => Test(new StateTestRequest { Definition = """{"Type": "Parallel", "Branches": [], "End": true}""" }));
        Assert.Contains(e.Diagnostics, d => d.Pointer == "/States/StateName/Branches");
    }
}
