using System.Text.Json;

namespace Quickstep.Server.Tests.DistributedMap;

/// <summary>
/// A Distributed Map on the server reads its items from the built-in S3 (ItemReader: CSV, an S3 inventory manifest
/// with a gzipped data file) and exports its results to it (ResultWriter); the official JavaScript SDK puts the
/// objects and reads the manifest and result files back (sdk/dmap.mjs).
/// </summary>
public sealed class DistributedMapS3Tests(DistributedMapS3Tests.Scenario scenario) : IClassFixture<DistributedMapS3Tests.Scenario>
{
    public sealed class Scenario() : NodeScenario("dmap.mjs");

    private JsonElement Step(string name) => scenario.Result.GetProperty(name);

    private static string Str(JsonElement e, string name) => e.GetProperty(name).GetString()!;

    [Fact]
    public void ResultWriter_ExportsManifestAndResultFiles_OutputNamesTheManifest()
    {
        var export = Step("export");
        Assert.Equal("SUCCEEDED", Str(export, "status"));
        var output = export.GetProperty("output");
        var mapRunArn = Str(output, "MapRunArn");
        Assert.StartsWith("arn:aws:states:us-east-1:", mapRunArn, StringComparison.Ordinal);
        Assert.Contains(":mapRun:dmap-export/Orders:", mapRunArn, StringComparison.Ordinal);
        var runId = mapRunArn[(mapRunArn.LastIndexOf(':') + 1)..];
        Assert.Equal("dmap-results", Str(output.GetProperty("ResultWriterDetails"), "Bucket"));
        Assert.Equal($"runs/{runId}/manifest.json", Str(output.GetProperty("ResultWriterDetails"), "Key"));

        var manifest = export.GetProperty("manifest");
        Assert.Equal("dmap-results", Str(manifest, "DestinationBucket"));
        Assert.Equal(mapRunArn, Str(manifest, "MapRunArn"));
        var files = manifest.GetProperty("ResultFiles");
        Assert.Equal(0, files.GetProperty("PENDING").GetArrayLength());
        var succeededKey = Str(files.GetProperty("SUCCEEDED")[0], "Key");
        var failedKey = Str(files.GetProperty("FAILED")[0], "Key");
        Assert.Equal(($"runs/{runId}/SUCCEEDED_0.json", $"runs/{runId}/FAILED_0.json"), (succeededKey, failedKey));

        var read = export.GetProperty("files");
        var succeeded = JsonDocument.Parse(Str(read.GetProperty(succeededKey), "body")).RootElement;
        Assert.Equal(files.GetProperty("SUCCEEDED")[0].GetProperty("Size").GetInt32(), read.GetProperty(succeededKey).GetProperty("size").GetInt32());
        Assert.Equal(2, succeeded.GetArrayLength());
        Assert.Equal("SUCCEEDED", Str(succeeded[0], "Status"));
        Assert.Equal("""{"id":"1","qty":"2"}""", Str(succeeded[0], "Input"));
        Assert.Equal("""{"order":"1","accepted":true}""", Str(succeeded[0], "Output"));
        Assert.Equal("""{"order":"3","accepted":true}""", Str(succeeded[1], "Output"));
        Assert.StartsWith("arn:aws:states:us-east-1:", Str(succeeded[0], "ExecutionArn"), StringComparison.Ordinal);
        Assert.EndsWith(":execution:dmap-export/Orders:" + Str(succeeded[0], "Name"), Str(succeeded[0], "ExecutionArn"), StringComparison.Ordinal);

        var failed = JsonDocument.Parse(Str(read.GetProperty(failedKey), "body")).RootElement;
        Assert.Equal(1, failed.GetArrayLength());
        Assert.Equal(("FAILED", "BadQuantity", "negative quantity", """{"id":"2","qty":"-1"}"""),
            (Str(failed[0], "Status"), Str(failed[0], "Error"), Str(failed[0], "Cause"), Str(failed[0], "Input")));
    }

    [Fact]
    public void ResultWriter_WriterConfig_CompactJsonLines()
    {
        var export = Step("exportCompactJsonl");
        Assert.Equal("SUCCEEDED", Str(export, "status"));
        var key = Str(export.GetProperty("output").GetProperty("ResultWriterDetails"), "Key");
        Assert.StartsWith("lines/", key, StringComparison.Ordinal);
        Assert.DoesNotContain("//", key, StringComparison.Ordinal);
        var succeededKey = Str(export.GetProperty("manifest").GetProperty("ResultFiles").GetProperty("SUCCEEDED")[0], "Key");
        Assert.Equal("{\"order\":\"1\",\"accepted\":true}\n{\"order\":\"3\",\"accepted\":true}\n", Str(export.GetProperty("files").GetProperty(succeededKey), "body"));
    }

    [Fact]
    public void ResultWriter_MissingBucket_FailsWithResultWriterFailed()
    {
        var r = Step("exportNoBucket");
        Assert.Equal(("FAILED", "States.ResultWriterFailed"), (Str(r, "status"), Str(r, "error")));
        Assert.Contains("NoSuchBucket", Str(r, "cause"), StringComparison.Ordinal);
    }

    [Fact]
    public void ResultWriter_WrongResource_IsRejectedAtCreation()
    {
        var r = Step("createBadWriter");
        Assert.Equal("InvalidDefinition", Str(r, "error"));
        Assert.Contains("s3:putObject", Str(r, "message"), StringComparison.Ordinal);
    }

    [Fact]
    public void ItemReader_Manifest_ReadsTheGzippedInventoryRows()
    {
        var r = Step("inventory");
        Assert.Equal("SUCCEEDED", Str(r, "status"));
        Assert.Equal(
            """[{"Bucket":"photos","Key":"a.jpg","Size":"10","LastModifiedDate":"2026-01-01T00:00:00.000Z"},{"Bucket":"photos","Key":"b/c.jpg","Size":"20","LastModifiedDate":"2026-01-02T00:00:00.000Z"}]""",
            r.GetProperty("output").GetRawText());
        var broken = Step("inventoryBroken");
        Assert.Equal(("FAILED", "States.ItemReaderFailed"), (Str(broken, "status"), Str(broken, "error")));
        Assert.Contains("fileSchema", Str(broken, "cause"), StringComparison.Ordinal);
    }
}
