using System.Text.Json;
using Microsoft.Extensions.Logging;
using Npgsql;
using Quickstep.Storage.Tests.Postgres;

namespace Quickstep.Server.Tests.Cluster;

/// <summary>
/// Two in-process nodes on one PostgreSQL database, driven by sdk/cluster-s3.mjs (@aws-sdk/client-s3): S3 objects put,
/// uploaded in parts, copied and deleted through one node are read through the other byte for byte, the bodies live in
/// the database (no node keeps object files), and deleting the objects leaves no body behind.
/// </summary>
public sealed class ClusterS3Tests
{
    [Fact]
    public async Task TwoNodes_ObjectsWrittenThroughOne_AreReadListedCopiedAndDeletedThroughTheOther()
    {
        await Npm.EnsureInstalledAsync();
        var (connection, url) = await ClusterOnPostgres.CreateDatabaseAsync();
        var dir = Path.Combine(Path.GetTempPath(), "qs-cluster-s3-" + Guid.NewGuid().ToString("N"));
        var nodes = new List<QuickstepServer>();
        try
        {
            for (var i = 0; i < 2; i++)
            {
                nodes.Add(await QuickstepServer.StartAsync(
                    new QuickstepServerOptions { Port = 0, DatabasePath = Path.Combine(dir, "n" + i, "q.db"), Store = url, NodeId = "s3-n" + i },
                    logging => logging.SetMinimumLevel(LogLevel.Warning)));
            }

            var (code, stdout, stderr) = await ProcessRunner.RunAsync("node", ["cluster-s3.mjs", nodes[0].BaseAddress.ToString().TrimEnd('/'), nodes[1].BaseAddress.ToString().TrimEnd('/')],
                Repo.SdkDirectory, TimeSpan.FromSeconds(240));
            Assert.True(code == 0, $"node cluster-s3.mjs failed ({code}): {stderr}");
            using var doc = JsonDocument.Parse(stdout);
            var r = doc.RootElement;
            JsonElement Step(string name)
            {
                var step = r.GetProperty(name);
                Assert.False(step.ValueKind == JsonValueKind.Object && step.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String, $"{name} failed: {step}");
                return step;
            }


            Assert.Equal(200, Step("createOnA").GetInt32());
            Assert.Equal(200, Step("headBucketOnB").GetInt32());
            var small = Step("smallGetOnB");
            Assert.Equal("hello from node a", small.GetProperty("body").GetString());
            Assert.Equal(Step("smallPutOnA").GetString(), small.GetProperty("etag").GetString());
            Assert.Equal("text/plain", small.GetProperty("contentType").GetString());
            Assert.Equal("a", small.GetProperty("metadata").GetProperty("from").GetString());

            Assert.Equal(Step("bigPutOnA").GetProperty("md5").GetString(), Step("bigPutOnA").GetProperty("etag").GetString());
            var big = Step("bigGetOnB");
            Assert.Equal((6 * 1024 * 1024) + 4321, big.GetProperty("length").GetInt32());
            Assert.Equal(big.GetProperty("expected").GetString(), big.GetProperty("sha").GetString());
            var ranges = Step("rangesOnB").EnumerateArray().ToList();
            Assert.Equal(5, ranges.Count);
            Assert.All(ranges, range => Assert.True(range.GetProperty("same").GetBoolean(), range.ToString()));
            Assert.Equal("bytes 1048570-1048585/6295777", ranges[0].GetProperty("contentRange").GetString());
            Assert.Equal(206, ranges[0].GetProperty("status").GetInt32());
            Assert.Equal("bytes 2097152-3145737/6295777", ranges[2].GetProperty("contentRange").GetString());
            Assert.Equal(6295777, Step("bigHeadOnB").GetProperty("length").GetInt32());

            var multipart = Step("multipart");
            Assert.Equal((8 * 1024 * 1024) + 17, multipart.GetProperty("length").GetInt32());
            Assert.EndsWith("-2\"", multipart.GetProperty("etag").GetString(), StringComparison.Ordinal);
            Assert.Equal(multipart.GetProperty("expected").GetString(), multipart.GetProperty("sha").GetString());
            Assert.Equal("application/x-joined", multipart.GetProperty("contentType").GetString());

            Assert.Equal(Step("copyOnB").GetProperty("expected").GetString(), Step("copyOnB").GetProperty("sha").GetString());
            Assert.Equal("replaced on node b", Step("replaceOnB").GetString());
            Assert.Equal(["big.bin:6295777", "copies/big.bin:6295777", "parts/joined.bin:8388625", "small.txt:18"], Step("listOnA").EnumerateArray().Select(k => k.GetString()));

            var task = Step("taskOnB");
            Assert.True(task.GetProperty("status").GetString() == "SUCCEEDED", task.ToString());
            Assert.Equal("""{"body":"read by a task on node b"}""", task.GetProperty("output").GetString());

            Assert.Equal("NoSuchKey", Step("deleteOnB").GetString());
            Assert.Equal(4, Step("deleteManyOnA").GetInt32());
            Assert.Equal(0, Step("listOnBAfter").GetInt32());
            Assert.Equal(204, Step("deleteBucketOnB").GetInt32());

            // The bytes were in the database, not in either node's folder; every replaced, joined or deleted body is gone.
            Assert.Empty(Directory.Exists(dir) ? Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories).Where(f => f.Contains($"{Path.DirectorySeparatorChar}s3{Path.DirectorySeparatorChar}", StringComparison.Ordinal)) : []);
            await using var db = new NpgsqlConnection(connection);
            await db.OpenAsync();
            await using var count = new NpgsqlCommand("SELECT count(*) FROM s3_bodies", db);
            Assert.Equal(0L, await count.ExecuteScalarAsync());
        }
        finally
        {
            foreach (var n in nodes)
                await n.DisposeAsync();
            try
            {
                Directory.Delete(dir, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
        }
    }
}
