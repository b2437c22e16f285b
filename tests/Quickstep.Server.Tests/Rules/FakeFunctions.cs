using System.Collections.Concurrent;
using Quickstep.Aws;
using Quickstep.Json;

namespace Quickstep.Server.Tests.Rules;

/// <summary>
/// A stand-in "lambda" service for rule targets: records each Invoke's payload and the clock's time, fails the first
/// <see cref="FailFirst"/> calls with a service fault, and can hang until the server stops (a delivery in flight).
/// </summary>
internal sealed class FakeFunctions : IAwsService
{
    private readonly TimeProvider _clock;

    public FakeFunctions(TimeProvider clock) => _clock = clock;

    public string SigningName => "lambda";

    public int FailFirst { get; init; }

    public bool Hang { get; init; }

    public ConcurrentQueue<(string Payload, DateTimeOffset At)> Calls { get; } = new();

    public TaskCompletionSource FirstCall { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async ValueTask<JValue> InvokeAsync(string operation, JObject input, CancellationToken cancellationToken = default)
    {
        Assert.Equal("Invoke", operation);
        Calls.Enqueue((((JString)input["Payload"]!).Value, _clock.GetUtcNow()));
        FirstCall.TrySetResult();
        if (Hang)
            await new TaskCompletionSource().Task.WaitAsync(cancellationToken);
        if (Calls.Count <= FailFirst || FailFirst < 0)
            throw new AwsServiceException("ServiceException", "the function is failing", 500, false);
        return JObject.Create([new("StatusCode", JValue.FromNumber(202))]);
    }

    /// <summary>Waits (real time) until <paramref name="count"/> calls arrived.</summary>
    public async Task WaitForAsync(int count, TimeSpan timeout)
    {
        var until = DateTime.UtcNow + timeout;
        while (Calls.Count < count && DateTime.UtcNow < until)
            await Task.Delay(10);
        Assert.True(Calls.Count >= count, $"expected {count} calls, got {Calls.Count}");
    }
}
