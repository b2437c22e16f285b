using System.Collections.Concurrent;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Engine.Tests.DistributedMap;

/// <summary>The s3:getObject / s3:putObject resources of ItemReader and ResultWriter over a dictionary of objects.</summary>
internal sealed class FakeS3 : IResourceHandler
{
    public ConcurrentDictionary<(string Bucket, string Key), string> Objects { get; } = new();

    public List<string> Puts { get; } = [];

    public bool CanHandle(string resource) => resource is "arn:aws:states:::s3:getObject" or "arn:aws:states:::s3:putObject";

    public ValueTask<TaskResult> InvokeAsync(TaskRequest request, CancellationToken cancellationToken)
    {
        var p = (JObject)request.Parameters;
        var bucket = ((JString)p["Bucket"]!).Value;
        var key = ((JString)p["Key"]!).Value;
        if (request.Resource.EndsWith("putObject", StringComparison.Ordinal))
        {
            lock (Puts)
                Puts.Add(key);
            Objects[(bucket, key)] = ((JString)p["Body"]!).Value;
            return new(TaskResult.Success(JObject.Empty));
        }

        return new(Objects.TryGetValue((bucket, key), out var body)
            ? TaskResult.Success(new JObjectBuilder(1).AddUnique("Body", JValue.FromString(body)).Build())
            : TaskResult.Failure("S3.NoSuchKey", "The specified key does not exist."));
    }

    public async Task<ExecutionResult> RunAsync(string definition, string input, long resultFileMaxBytes = 5L << 30)
    {
        var clock = new VirtualTimeProvider(Run.Start);
        var engine = new QuickstepEngine(new EngineOptions
        {
            TimeProvider = clock,
            IdleTracker = clock.IdleTracker,
            ResourceHandlers = [this],
            ResultFileMaxBytes = resultFileMaxBytes,
        });
        return await engine.Load(definition, "orders").ExecuteAsync(JsonText.Parse(input), new ExecutionOptions { Name = "exec" });
    }
}
