using System.Text.Json;

namespace Quickstep.Server.Tests.Glue;

/// <summary>Every Glue operation and error as the official AWS SDK for JavaScript sees them (see Glue/glue-scenario.mjs).</summary>
public sealed class GlueSdkTests : IClassFixture<GlueScenario>
{
    private readonly GlueScenario _scenario;
    private readonly JsonElement _r;

    public GlueSdkTests(GlueScenario scenario)
    {
        _scenario = scenario;
        _r = scenario.Result;
    }

    private JsonElement Step(string name) => _r.GetProperty(name);

    private string Str(string step, string field) => Step(step).GetProperty(field).ToString();

    private static string[] Strings(JsonElement e) => [.. e.EnumerateArray().Select(x => x.GetString()!)];

    private void AssertError(string step, string name, string messageContains)
    {
        var s = Step(step);
        Assert.True(s.ValueKind == JsonValueKind.Object && s.TryGetProperty("error", out _), $"{step}: expected {name}, got {s}");
        Assert.Equal(name, s.GetProperty("error").GetString());
        Assert.Equal(400, s.GetProperty("status").GetInt32());
        Assert.Contains(messageContains, s.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    /// <summary>The run ended in <paramref name="state"/>, and every state polling saw came in the order of <paramref name="lifecycle"/>.</summary>
    private void AssertRun(string step, string state, params string[] lifecycle)
    {
        var run = Step(step);
        Assert.True(run.TryGetProperty("JobRunState", out var actual), $"{step}: {run}");
        Assert.Equal(state, actual.GetString());
        var seen = Strings(run.GetProperty("seen"));
        Assert.Equal(state, seen[^1]);
        var at = 0;
        foreach (var s in seen)
        {
            while (at < lifecycle.Length && lifecycle[at] != s)
                at++;
            Assert.True(at < lifecycle.Length, $"{step}: saw [{string.Join(", ", seen)}], expected an ordered part of [{string.Join(", ", lifecycle)}]");
        }

        var started = DateTimeOffset.Parse(Str(step, "StartedOn"), System.Globalization.CultureInfo.InvariantCulture);
        var completed = DateTimeOffset.Parse(Str(step, "CompletedOn"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(completed >= started, $"{step}: CompletedOn {completed} before StartedOn {started}");
        Assert.Equal(Str(step, "CompletedOn"), Str(step, "LastModifiedOn"));
        Assert.Equal(0, run.GetProperty("Attempt").GetInt32());
    }

    [Fact]
    public void CreateJob_StoresTheDefinitionWithGlueDefaults()
    {
        Assert.Equal("ok-s3", Str("create", "Name"));
        var job = Step("getJob");
        Assert.Equal("ok-s3", job.GetProperty("Name").GetString());
        Assert.Equal("pythonshell", job.GetProperty("Command").GetProperty("Name").GetString());
        Assert.Equal("s3://scripts/jobs/ok.py", job.GetProperty("Command").GetProperty("ScriptLocation").GetString());
        Assert.Equal("hello", job.GetProperty("DefaultArguments").GetProperty("--greeting").GetString());
        Assert.Equal(1, job.GetProperty("ExecutionProperty").GetProperty("MaxConcurrentRuns").GetInt32());
        Assert.Equal(2880, job.GetProperty("Timeout").GetInt32());
        Assert.Equal(0.0625, job.GetProperty("MaxCapacity").GetDouble());
        Assert.Equal(0, job.GetProperty("MaxRetries").GetInt32());
        Assert.Equal("3.0", job.GetProperty("GlueVersion").GetString());
        Assert.Equal(job.GetProperty("CreatedOn").GetString(), job.GetProperty("LastModifiedOn").GetString());
        Assert.False(job.TryGetProperty("Tags", out _));
    }

    [Fact]
    public void CreateJob_RefusesBadInput()
    {
        AssertError("createDuplicate", "AlreadyExistsException", "Job with name: ok-s3 already exists");
        AssertError("createNoRole", "InvalidInputException", "Value null at 'role'");
        AssertError("createNoCommand", "InvalidInputException", "Value null at 'command'");
        AssertError("createStreaming", "InvalidInputException", "'gluestreaming' is not supported");
        AssertError("createOutsideRoots", "InvalidInputException", "'/etc/passwd' is not under any of the configured glue.scriptRoots");
        AssertError("createBadTimeout", "InvalidInputException", "at 'timeout' failed to satisfy constraint");
    }

    [Fact]
    public void GetJobsAndListJobs_PageByNameAndFilterByTags()
    {
        AssertError("getJobMissing", "EntityNotFoundException", "Job with name: nope not found");
        var paged = Step("getJobsPaged");
        Assert.Equal(["etl", "fail-local", "missing-script", "ok-s3"], Strings(paged.GetProperty("first")));
        Assert.Equal("string", paged.GetProperty("token").GetString());
        Assert.Equal(["slow", "stoppable"], Strings(paged.GetProperty("second")));
        Assert.Equal(JsonValueKind.Null, paged.GetProperty("end").ValueKind);
        AssertError("getJobsBadToken", "InvalidInputException", "Invalid pagination token.");
        AssertError("getJobsTooMany", "InvalidInputException", "less than or equal to 1000");
        string[] all = ["etl", "fail-local", "missing-script", "ok-s3", "slow", "stoppable"];
        Assert.Equal(all, Strings(Step("listJobs")));
        Assert.Equal(all, Strings(Step("listJobsPaged")));
        Assert.Equal(["fail-local", "ok-s3"], Strings(Step("listJobsTagged")));
    }

    [Fact]
    public void StartJobRun_RunsPythonWithGluesArgvAndKeepsItsOutput()
    {
        var id = Step("start").GetString()!;
        Assert.Matches("^jr_[0-9a-f]{64}$", id);
        AssertRun("okRun", "SUCCEEDED", "STARTING", "RUNNING", "SUCCEEDED");
        var run = Step("okRun");
        Assert.Equal(id, run.GetProperty("Id").GetString());
        Assert.Equal("world", run.GetProperty("Arguments").GetProperty("--who").GetString());
        Assert.False(run.TryGetProperty("ErrorMessage", out _));
        Assert.Equal(2880, run.GetProperty("Timeout").GetInt32());
        Assert.Equal("3.0", run.GetProperty("GlueVersion").GetString());
        Assert.True(run.GetProperty("ExecutionTime").GetInt32() >= 0);

        // The script printed its argv: the job's defaults overridden by the run's Arguments, the non-overridable ones, then Glue's own.
        var stdout = File.ReadAllText(Path.Combine(_scenario.RunsDirectory, id, "stdout"));
        var argv = Strings(JsonDocument.Parse(stdout).RootElement);
        Assert.Equal(
            ["--greeting", "hello", "--who", "world", "--extra", "x y", "--fixed", "yes", "--JOB_ID", "j_" + id[3..], "--JOB_RUN_ID", id, "--JOB_NAME", "ok-s3"],
            argv);
        Assert.Equal("a note on stderr", File.ReadAllText(Path.Combine(_scenario.RunsDirectory, id, "stderr")).Trim());
    }

    [Fact]
    public void StartJobRun_RefusesPastMaxConcurrentRunsAndUnknownJobs()
    {
        AssertError("startConcurrent", "ConcurrentRunsExceededException", "Concurrent runs exceeded for ok-s3");
        AssertError("startStop3", "ConcurrentRunsExceededException", "Concurrent runs exceeded for stoppable");
        AssertError("startMissingJob", "EntityNotFoundException", "Failed to start job run due to missing metadata");
        AssertError("getRunMissing", "EntityNotFoundException", "Job Run with id: jr_nope not found");
        AssertError("getRunOtherJob", "EntityNotFoundException", "not found");
    }

    [Fact]
    public void FailingScript_IsFailedWithTheTailOfStderr()
    {
        AssertRun("failRun", "FAILED", "STARTING", "RUNNING", "FAILED");
        Assert.Equal("Traceback (most recent call last):\nValueError: boom: bad input", Str("failRun", "ErrorMessage"));
        Assert.Equal("starting", File.ReadAllText(Path.Combine(_scenario.RunsDirectory, Step("startFail").GetString()!, "stdout")).Trim());
    }

    [Fact]
    public void SlowScript_TimesOutAfterTheJobsTimeout()
    {
        AssertRun("slowRun", "TIMEOUT", "STARTING", "RUNNING", "TIMEOUT");
        Assert.Equal(1, Step("slowRun").GetProperty("Timeout").GetInt32());
        Assert.Contains("timed out after 1 minute", Str("slowRun", "ErrorMessage"), StringComparison.Ordinal);
        // One "minute" lasts one second in this server: the run ended after it, not at once.
        var started = DateTimeOffset.Parse(Str("slowRun", "StartedOn"), System.Globalization.CultureInfo.InvariantCulture);
        var completed = DateTimeOffset.Parse(Str("slowRun", "CompletedOn"), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange((completed - started).TotalSeconds, 0.9, 30);
    }

    [Fact]
    public void GlueEtlWithoutSpark_AndAMissingScript_EndWithClearErrors()
    {
        AssertRun("etlRun", "ERROR", "STARTING", "ERROR");
        Assert.Contains("glueetl jobs run with 'spark-submit', which is not installed or not on PATH", Str("etlRun", "ErrorMessage"), StringComparison.Ordinal);
        Assert.Equal("G.1X", Str("etlRun", "WorkerType"));
        AssertRun("missingScriptRun", "FAILED", "STARTING", "FAILED");
        Assert.Equal("Cannot read the script s3://scripts/jobs/none.py: NoSuchKey: The specified key does not exist.", Str("missingScriptRun", "ErrorMessage"));
    }

    [Fact]
    public void BatchStopJobRun_StopsRunningRunsAndReportsTheOthers()
    {
        var stop = Step("batchStop");
        var ok = stop.GetProperty("SuccessfulSubmissions").EnumerateArray().Select(s => s.GetProperty("JobRunId").GetString()!).ToArray();
        Assert.Equal([Step("startStop1").GetString()!, Step("startStop2").GetString()!], ok);
        var error = Assert.Single(stop.GetProperty("Errors").EnumerateArray());
        Assert.Equal("jr_unknown", error.GetProperty("JobRunId").GetString());
        Assert.Equal("EntityNotFoundException", error.GetProperty("ErrorDetail").GetProperty("ErrorCode").GetString());
        AssertRun("stopRun1", "STOPPED", "STOPPING", "STOPPED");
        AssertRun("stopRun2", "STOPPED", "STOPPING", "STOPPED");
        Assert.Equal(30, Step("stopRun1").GetProperty("Timeout").GetInt32());
        var finished = Assert.Single(Step("batchStopFinished").GetProperty("Errors").EnumerateArray());
        Assert.Equal("InvalidInputException", finished.GetProperty("ErrorDetail").GetProperty("ErrorCode").GetString());
        Assert.Empty(Step("batchStopFinished").GetProperty("SuccessfulSubmissions").EnumerateArray());
        AssertError("batchStopEmpty", "InvalidInputException", "'jobRunIds'");
    }

    [Fact]
    public void GetJobRuns_ListsNewestFirstInPages()
    {
        var runs = Step("getJobRuns");
        Assert.Equal([Step("start2").GetString()!], Strings(runs.GetProperty("first")));
        Assert.Equal([Step("start").GetString()!], Strings(runs.GetProperty("second")));
        Assert.Equal(JsonValueKind.Null, runs.GetProperty("end").ValueKind);
        Assert.Equal(5, runs.GetProperty("timeout").GetInt32());
        AssertError("getJobRunsMissing", "EntityNotFoundException", "Job with name: nope not found");
    }

    [Fact]
    public void UpdateJobAndDeleteJob_ReplaceAndRemove()
    {
        Assert.Equal("ok-s3", Str("update", "JobName"));
        var after = Step("afterUpdate");
        Assert.Equal("updated", after.GetProperty("DefaultArguments").GetProperty("--who").GetString());
        Assert.Equal(10, after.GetProperty("Timeout").GetInt32());
        // JobUpdate replaces the whole definition: what it does not name is gone.
        Assert.Equal(JsonValueKind.Null, after.GetProperty("NonOverridableArguments").ValueKind);
        Assert.True(string.CompareOrdinal(after.GetProperty("modified").GetString(), after.GetProperty("created").GetString()) > 0);
        AssertError("updateMissing", "EntityNotFoundException", "Job with name: nope not found");
        Assert.Equal("missing-script", Str("delete", "JobName"));
        Assert.Equal("missing-script", Str("deleteAgain", "JobName"));
        AssertError("afterDelete", "EntityNotFoundException", "Job with name: missing-script not found");
        AssertError("runsAfterDelete", "EntityNotFoundException", "not found");
    }

    [Fact]
    public void Workflow_StartsAJobAndPollsItUntilItEnds()
    {
        var ok = Step("workflowOk");
        Assert.Equal("SUCCEEDED", ok.GetProperty("status").GetString());
        Assert.Equal("SUCCEEDED", ok.GetProperty("output").GetProperty("State").GetString());
        Assert.Equal(200, ok.GetProperty("output").GetProperty("Status").GetInt32());
        Assert.Equal("workflow", Step("workflowRun").GetProperty("Arguments").GetProperty("--who").GetString());
        Assert.Equal("SUCCEEDED", Str("workflowRun", "JobRunState"));
        var fail = Step("workflowFail");
        Assert.Equal("FAILED", fail.GetProperty("status").GetString());
        Assert.Equal("JobFailed", fail.GetProperty("error").GetString());
    }

    [Fact]
    public void Workflow_GlueErrorsUseStepFunctionsNames()
    {
        var output = Step("workflowErrors").GetProperty("output");
        Assert.Equal("Glue.EntityNotFoundException", output.GetProperty("sdk").GetProperty("Error").GetString());
        Assert.StartsWith("Job Run with id: jr_nope not found (Service: Glue, Status Code: 400, Request ID: ", output.GetProperty("sdk").GetProperty("Cause").GetString(), StringComparison.Ordinal);
        Assert.Equal("Glue.EntityNotFoundException", output.GetProperty("optimized").GetProperty("Error").GetString());
        Assert.Contains("(Service: AWSGlue; Status Code: 400; Error Code: EntityNotFoundException; Request ID: ", output.GetProperty("optimized").GetProperty("Cause").GetString(), StringComparison.Ordinal);
        Assert.Equal("EntityNotFoundException", output.GetProperty("stop").GetProperty("Errors")[0].GetProperty("ErrorDetail").GetProperty("ErrorCode").GetString());
        AssertError("workflowSync", "InvalidDefinition", "Express state machine does not support '.sync' service integration");
        AssertError("workflowUnknownAction", "InvalidDefinition", "arn:aws:states:::glue:getJobRun is not recognized");
    }
}
