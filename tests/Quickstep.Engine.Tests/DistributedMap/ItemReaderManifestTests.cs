using Quickstep.Json;

namespace Quickstep.Engine.Tests.DistributedMap;

/// <summary>
/// ItemReader over a manifest (https://docs.aws.amazon.com/step-functions/latest/dg/input-output-itemreader.html):
/// an S3 inventory's manifest.json (InputType MANIFEST, or ManifestType S3_INVENTORY) and an Athena UNLOAD manifest.
/// </summary>
public sealed class ItemReaderManifestTests
{
    private static string Map(string readerConfig, string key = "inv/manifest.json") =>
        "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"End\":true,"
        + "\"ItemReader\":{\"Resource\":\"arn:aws:states:::s3:getObject\",\"ReaderConfig\":" + readerConfig + ",\"Parameters\":{\"Bucket\":\"inventory\",\"Key\":\"" + key + "\"}},"
        + "\"ItemProcessor\":{\"ProcessorConfig\":{\"Mode\":\"DISTRIBUTED\",\"ExecutionType\":\"EXPRESS\"},\"StartAt\":\"P\",\"States\":{\"P\":{\"Type\":\"Pass\",\"End\":true}}}}}}";

    private const string Manifest = """
        {"sourceBucket":"photos","destinationBucket":"arn:aws:s3:::inventory","version":"2016-11-30","creationTimestamp":"1668560400000",
         "fileFormat":"CSV","fileSchema":"Bucket, Key, Size, LastModifiedDate",
         "files":[{"key":"inv/data/a.csv","size":10,"MD5checksum":"x"},{"key":"inv/data/b.csv","size":10,"MD5checksum":"y"}]}
        """;

    private static FakeS3 Inventory()
    {
        var s3 = new FakeS3();
        s3.Objects[("inventory", "inv/manifest.json")] = Manifest;
        s3.Objects[("inventory", "inv/data/a.csv")] = "\"photos\",\"csvDataset/\",\"0\",\"2022-11-16T00:27:19.000Z\"\n\"photos\",\"csvDataset/titles.csv\",\"3399671\",\"2022-11-16T00:29:32.000Z\"\n";
        s3.Objects[("inventory", "inv/data/b.csv")] = "\"photos\",\"img/a b.jpg\",\"27034\",\"2022-11-15T20:02:16.000Z\"\n";
        return s3;
    }

    [Theory]
    [InlineData("""{"InputType":"MANIFEST"}""")]
    [InlineData("""{"ManifestType":"S3_INVENTORY"}""")]
    public async Task Inventory_EveryRowOfEveryDataFileIsAnItem_ColumnsFromFileSchema(string config)
    {
        var r = await Inventory().RunAsync(Map(config), "{}");
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        Assert.Equal(
            """[{"Bucket":"photos","Key":"csvDataset/","Size":"0","LastModifiedDate":"2022-11-16T00:27:19.000Z"},"""
            + """{"Bucket":"photos","Key":"csvDataset/titles.csv","Size":"3399671","LastModifiedDate":"2022-11-16T00:29:32.000Z"},"""
            + """{"Bucket":"photos","Key":"img/a b.jpg","Size":"27034","LastModifiedDate":"2022-11-15T20:02:16.000Z"}]""",
            r.Output!.ToString());
    }

    [Fact]
    public async Task Inventory_MaxItems_StopsAcrossFiles()
    {
        var r = await Inventory().RunAsync(Map("""{"InputType":"MANIFEST","MaxItems":2}"""), "{}");
        Assert.Equal(2, ((JArray)r.Output!).Count);
    }

    [Theory]
    [InlineData("not json", "not a JSON object")]
    [InlineData("""{"fileFormat":"ORC","fileSchema":"x","files":[]}""", "fileFormat is 'ORC'")]
    [InlineData("""{"fileFormat":"CSV","files":[]}""", "no fileSchema")]
    [InlineData("""{"fileFormat":"CSV","fileSchema":"Bucket, Key"}""", "no files")]
    [InlineData("""{"fileFormat":"CSV","fileSchema":"Bucket, Key","files":[{"size":1}]}""", "must have a key")]
    [InlineData("""{"fileFormat":"CSV","fileSchema":"Bucket, Key","destinationBucket":"arn:aws:s3:::inventory","files":[{"key":"gone.csv"}]}""", "does not exist")]
    public async Task BadManifest_FailsWithItemReaderFailed(string manifest, string cause)
    {
        var s3 = new FakeS3();
        s3.Objects[("inventory", "inv/manifest.json")] = manifest;
        var r = await s3.RunAsync(Map("""{"InputType":"MANIFEST"}"""), "{}");
        Assert.Equal((ExecutionStatus.Failed, "States.ItemReaderFailed"), (r.Status, r.Error));
        Assert.Contains(cause, r.Cause, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AthenaManifest_ReadsEachListedObject()
    {
        var s3 = new FakeS3();
        s3.Objects[("inventory", "q/1-manifest.csv")] = "s3://results/q/part-0.jsonl\ns3://results/q/part-1.jsonl\n";
        s3.Objects[("results", "q/part-0.jsonl")] = "{\"id\":1}\n{\"id\":2}\n";
        s3.Objects[("results", "q/part-1.jsonl")] = "{\"id\":3}\n";
        var r = await s3.RunAsync(Map("""{"ManifestType":"ATHENA_DATA","InputType":"JSONL"}""", "q/1-manifest.csv"), "{}");
        Assert.True(r.Status == ExecutionStatus.Succeeded, r.Cause);
        Assert.Equal("""[{"id":1},{"id":2},{"id":3}]""", r.Output!.ToString());
    }

    [Fact]
    public async Task AthenaManifest_CsvWithGivenHeaders()
    {
        var s3 = new FakeS3();
        s3.Objects[("inventory", "q/m.csv")] = "s3://results/q/part-0.csv\n";
        s3.Objects[("results", "q/part-0.csv")] = "1,a\n2,b\n";
        var r = await s3.RunAsync(Map("""{"ManifestType":"ATHENA_DATA","InputType":"CSV","CSVHeaderLocation":"GIVEN","CSVHeaders":["n","s"]}""", "q/m.csv"), "{}");
        Assert.Equal("""[{"n":"1","s":"a"},{"n":"2","s":"b"}]""", r.Output!.ToString());
    }

    [Theory]
    [InlineData("""{"ManifestType":"S3_INVENTORY","InputType":"CSV"}""", "MUTUALLY_EXCLUSIVE_FIELDS")]
    [InlineData("""{"ManifestType":"ATHENA_DATA"}""", "INVALID_VALUE")]
    [InlineData("""{"ManifestType":"ATHENA_DATA","InputType":"JSON"}""", "INVALID_VALUE")]
    [InlineData("""{"ManifestType":"DELTA"}""", "INVALID_VALUE")]
    [InlineData("""{"InputType":"XML"}""", "INVALID_VALUE")]
    public void BadReaderConfig_IsRejectedAtCreation(string config, string code)
    {
        var e = Assert.Throws<InvalidDefinitionException>(() => new QuickstepEngine(new EngineOptions()).Load(Map(config), "m"));
        Assert.Contains(e.Diagnostics, d => d.Code == code && d.Pointer.StartsWith("/States/M/ItemReader/ReaderConfig", StringComparison.Ordinal));
    }
}
