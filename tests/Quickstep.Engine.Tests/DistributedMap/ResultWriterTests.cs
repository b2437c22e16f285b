using Quickstep.Json;

namespace Quickstep.Engine.Tests.DistributedMap;

/// <summary>
/// ResultWriter as https://docs.aws.amazon.com/step-functions/latest/dg/input-output-resultwriter.html describes it:
/// the S3 export (manifest.json and SUCCEEDED/FAILED/PENDING_n.json), WriterConfig's transformations, the preview output.
/// </summary>
public sealed class ResultWriterTests
{
    // Items below 0 fail ("Negative"); others return [item, item*10] so FLATTEN has arrays to splice.
    private static string Map(string writer, string extra = "") =>
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,\"ItemsPath\":\"$.items\",\"Label\":\"Rows\"," + extra
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"EXPRESS\"},\"StartAt\":\"C\",\"States\":{"
        + "\"C\":{\"Type\":\"Choice\",\"Choices\":[{\"Variable\":\"$\",\"NumericLessThan\":0,\"Next\":\"F\"}],\"Default\":\"P\"},"
        + "\"F\":{\"Type\":\"Fail\",\"Error\":\"Negative\",\"Cause\":\"below zero\"},"
        + "\"P\":{\"Type\":\"Pass\",\"Parameters\":{\"v.$\":\"States.Array($, States.MathAdd($, 10))\"},\"OutputPath\":\"$.v\",\"End\":true}}},"
        + "\"ResultWriter\":" + writer + "}}}";

    private const string ToS3 = """{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Bucket":"out","Prefix.$":"$.prefix"}""";

    [Fact]
    public async Task Export_WritesManifestAndSucceededFile_OutputPointsAtTheManifest()
    {
        var s3 = new FakeS3();
        var r = await s3.RunAsync(Map(ToS3 + "}"), """{"prefix":"jobs","items":[1,2]}""");
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        var output = (JObject)r.Output!;
        var arn = ((JString)output["MapRunArn"]!).Value;
        Assert.StartsWith("arn:aws:states:us-east-1:123456789012:mapRun:orders/Rows:", arn, StringComparison.Ordinal);
        var runId = arn[(arn.LastIndexOf(':') + 1)..];
        Assert.Equal($$"""{"Bucket":"out","Key":"jobs/{{runId}}/manifest.json"}""", output["ResultWriterDetails"]!.ToString());

        var succeeded = s3.Objects[("out", $"jobs/{runId}/SUCCEEDED_0.json")];
        var manifest = JsonText.Parse(s3.Objects[("out", $"jobs/{runId}/manifest.json")]);
        Assert.Equal(
            $$$"""{"DestinationBucket":"out","MapRunArn":"{{{arn}}}","ResultFiles":{"FAILED":[],"PENDING":[],"SUCCEEDED":[{"Key":"jobs/{{{runId}}}/SUCCEEDED_0.json","Size":{{{System.Text.Encoding.UTF8.GetByteCount(succeeded)}}}}]}}""",
            manifest.ToString());
        Assert.Equal($"jobs/{runId}/manifest.json", s3.Puts[^1]);

        // Transformation NONE (the default with S3): each child's metadata, its input and output as JSON text.
        var records = (JArray)JsonText.Parse(succeeded);
        Assert.Equal(2, records.Count);
        var first = (JObject)records[0];
        Assert.Equal(
            ["ExecutionArn", "Input", "InputDetails", "Name", "Output", "OutputDetails", "RedriveCount", "RedriveStatus", "RedriveStatusReason", "StartDate", "StateMachineArn", "Status", "StopDate"],
            first.Select(m => m.Key));
        Assert.Equal("1", ((JString)first["Input"]!).Value);
        Assert.Equal("[1,11]", ((JString)first["Output"]!).Value);
        Assert.Equal("SUCCEEDED", ((JString)first["Status"]!).Value);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:stateMachine:orders/Rows", ((JString)first["StateMachineArn"]!).Value);
        Assert.Equal("arn:aws:states:us-east-1:123456789012:execution:orders/Rows:" + ((JString)first["Name"]!).Value, ((JString)first["ExecutionArn"]!).Value);
        Assert.Equal("2026-01-01T00:00:00.000Z", ((JString)first["StartDate"]!).Value);
    }

    [Fact]
    public async Task ToleratedFailures_GoToFailedFile_UnchangedEvenWithCompact()
    {
        var s3 = new FakeS3();
        var r = await s3.RunAsync(Map(ToS3 + ""","WriterConfig":{"Transformation":"COMPACT"}}""", "\"ToleratedFailureCount\":1,"), """{"prefix":"p/","items":[1,-1,2]}""");
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        var key = ((JString)((JObject)((JObject)r.Output!)["ResultWriterDetails"]!)["Key"]!).Value;
        Assert.StartsWith("p/", key, StringComparison.Ordinal);
        Assert.DoesNotContain("//", key, StringComparison.Ordinal);
        var folder = key[..key.LastIndexOf('/')];
        Assert.Equal("[[1,11],[2,12]]", s3.Objects[("out", folder + "/SUCCEEDED_0.json")]);
        var failed = (JObject)((JArray)JsonText.Parse(s3.Objects[("out", folder + "/FAILED_0.json")]))[0];
        Assert.Equal(["Cause", "Error", "ExecutionArn", "Input", "InputDetails", "Name", "OutputDetails", "RedriveCount", "RedriveStatus", "StartDate", "StateMachineArn", "Status", "StopDate"], failed.Select(m => m.Key));
        Assert.Equal(("Negative", "below zero", "FAILED", "-1"), (((JString)failed["Error"]!).Value, ((JString)failed["Cause"]!).Value, ((JString)failed["Status"]!).Value, ((JString)failed["Input"]!).Value));
    }

    [Fact]
    public async Task FailedMapRun_StillExports_ItemsNeverStartedArePending()
    {
        var s3 = new FakeS3();
        var r = await s3.RunAsync(Map(ToS3 + "}", "\"MaxConcurrency\":1,"), """{"prefix":"run","items":[1,-1,3,4]}""");
        Assert.Equal((ExecutionStatus.Failed, "Negative"), (r.Status, r.Error));
        var manifestKey = Assert.Single(s3.Objects.Keys, k => k.Key.EndsWith("manifest.json", StringComparison.Ordinal)).Key;
        var manifest = (JObject)JsonText.Parse(s3.Objects[("out", manifestKey)]);
        var files = (JObject)manifest["ResultFiles"]!;
        var folder = manifestKey[..manifestKey.LastIndexOf('/')];
        Assert.Equal(folder + "/PENDING_0.json", ((JString)((JObject)((JArray)files["PENDING"]!)[0])["Key"]!).Value);
        Assert.Equal("""[{"Input":"3","InputDetails":{"Included":true},"Status":"PENDING"},{"Input":"4","InputDetails":{"Included":true},"Status":"PENDING"}]""",
            s3.Objects[("out", folder + "/PENDING_0.json")]);
        Assert.Single((JArray)JsonText.Parse(s3.Objects[("out", folder + "/FAILED_0.json")]));
    }

    [Fact]
    public async Task LargeResults_AreSplitIntoNumberedFiles_JsonLines()
    {
        var s3 = new FakeS3();
        var r = await s3.RunAsync(Map(ToS3 + ""","WriterConfig":{"OutputType":"JSONL","Transformation":"FLATTEN"}}"""), """{"prefix":"big","items":[1,2,3,4,5]}""", resultFileMaxBytes: 9);
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        var manifestKey = ((JString)((JObject)((JObject)r.Output!)["ResultWriterDetails"]!)["Key"]!).Value;
        var succeeded = (JArray)((JObject)((JObject)JsonText.Parse(s3.Objects[("out", manifestKey)]))["ResultFiles"]!)["SUCCEEDED"]!;
        Assert.True(succeeded.Count > 1, succeeded.ToString());
        var folder = manifestKey[..manifestKey.LastIndexOf('/')];
        var lines = new List<string>();
        for (var i = 0; i < succeeded.Count; i++)
        {
            var entry = (JObject)succeeded[i];
            Assert.Equal($"{folder}/SUCCEEDED_{i}.json", ((JString)entry["Key"]!).Value);
            var body = s3.Objects[("out", $"{folder}/SUCCEEDED_{i}.json")];
            Assert.Equal(System.Text.Encoding.UTF8.GetByteCount(body), ((JNumber)entry["Size"]!).Value);
            Assert.True(body.Length <= 9 || body.Count(c => c == '\n') == 1, body);
            lines.AddRange(body.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        }

        Assert.Equal(["1", "11", "2", "12", "3", "13", "4", "14", "5", "15"], lines);
    }

    [Theory]
    [InlineData("FLATTEN", "[1,11,2,12]")]
    [InlineData("COMPACT", "[[1,11],[2,12]]")]
    public async Task WriterConfigOnly_TheFormattedResultsAreTheOutput(string transformation, string expected)
    {
        var s3 = new FakeS3();
        var r = await s3.RunAsync(Map($$$"""{"WriterConfig":{"Transformation":"{{{transformation}}}","OutputType":"JSON"}}"""), """{"items":[1,2]}""");
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        Assert.Equal(expected, r.Output!.ToString());
        Assert.Empty(s3.Objects);
    }

    [Fact]
    public async Task WriterConfigOnly_None_ReportsMetadata()
    {
        var r = await new FakeS3().RunAsync(Map("""{"WriterConfig":{"Transformation":"NONE"}}"""), """{"items":[5]}""");
        var record = (JObject)((JArray)r.Output!)[0];
        Assert.Equal(("5", "[5,15]", "SUCCEEDED"), (((JString)record["Input"]!).Value, ((JString)record["Output"]!).Value, ((JString)record["Status"]!).Value));
    }

    [Fact]
    public async Task NoS3_FailsWithResultWriterFailed_NamingTheServer()
    {
        var clock = new VirtualTimeProvider(Run.Start);
        var engine = new QuickstepEngine(new EngineOptions { TimeProvider = clock, IdleTracker = clock.IdleTracker });
        var r = await engine.Load(Map(ToS3 + "}"), "orders").ExecuteAsync(JsonText.Parse("""{"prefix":"x","items":[1]}"""), new ExecutionOptions { Name = "exec" });
        Assert.Equal((ExecutionStatus.Failed, "States.ResultWriterFailed"), (r.Status, r.Error));
        Assert.Contains("quickstep serve", r.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{}""", "MISSING_FIELD")]
    [InlineData("""{"Resource":"arn:aws:states:::s3:putObject"}""", "MISSING_FIELD")]
    [InlineData("""{"Parameters":{"Bucket":"b"}}""", "MISSING_FIELD")]
    [InlineData("""{"Resource":"arn:aws:states:::s3:getObject","Parameters":{"Bucket":"b"}}""", "INVALID_VALUE")]
    [InlineData("""{"Resource":"arn:aws:states:::s3:putObject","Parameters":{"Prefix":"p"}}""", "MISSING_FIELD")]
    [InlineData("""{"WriterConfig":{"OutputType":"XML"}}""", "INVALID_VALUE")]
    [InlineData("""{"WriterConfig":{"Transformation":"SQUASH"}}""", "INVALID_VALUE")]
    [InlineData("""{"WriterConfig":{"OutputType":"JSONL"}}""", "INVALID_VALUE")]
    [InlineData("""{"WriterConfig":{"Format":"JSON"}}""", "UNKNOWN_FIELD")]
    public void BadResultWriter_IsRejectedAtCreation(string writer, string code)
    {
        var engine = new QuickstepEngine(new EngineOptions());
        var e = Assert.Throws<InvalidDefinitionException>(() => engine.Load(Map(writer), "orders"));
        Assert.Contains(e.Diagnostics, d => d.Code == code && d.Pointer.StartsWith("/States/M/ResultWriter", StringComparison.Ordinal));
    }
}
