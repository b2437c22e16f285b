using Quickstep.Aws.Hosting;

namespace Quickstep.Aws.Tests.Hosting;

public sealed class WakeSignalTests
{
    [Fact]
    public void Arm_WithoutWake_GivesTheSameLiveToken()
    {
        using var signal = new WakeSignal();
        var first = signal.Arm();
        Assert.False(first.IsCancellationRequested);
        Assert.Equal(first, signal.Arm());
    }

    [Fact]
    public void Set_CancelsTheArmedToken_AndTheNextArmIsFresh()
    {
        using var signal = new WakeSignal();
        var armed = signal.Arm();
        signal.Set();
        Assert.True(armed.IsCancellationRequested);
        var next = signal.Arm();
        Assert.False(next.IsCancellationRequested);
        Assert.NotEqual(armed, next);
    }

    [Fact]
    public void Set_BeforeTheWait_IsNotLost()
    {
        // The loop arms, works, and only then waits: a wake during the work ends the wait at once.
        using var signal = new WakeSignal();
        var armed = signal.Arm();
        signal.Set();
        var wait = Task.Delay(Timeout.Infinite, armed);
        Assert.True(wait.IsCanceled);
    }

    [Fact]
    public async Task Set_EndsAWaitInProgress()
    {
        using var signal = new WakeSignal();
        var wait = Task.Delay(Timeout.Infinite, signal.Arm());
        Assert.False(wait.IsCompleted);
        signal.Set();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => wait.WaitAsync(TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public void Set_AfterDispose_DoesNothing_AndArmThrows()
    {
        var signal = new WakeSignal();
        signal.Dispose();
        signal.Set();
        signal.Dispose();
        Assert.Throws<ObjectDisposedException>(() => signal.Arm());
    }

    [Fact]
    public async Task Set_RacingArm_NeverThrows()
    {
        // The rule scheduler used to cancel a source its loop could dispose at the same moment.
        using var signal = new WakeSignal();
        using var stop = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var setter = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
                signal.Set();
        });
        var armed = 0;
        while (!stop.IsCancellationRequested)
        {
            signal.Arm();
            armed++;
        }

        await setter;
        Assert.True(armed > 0);
    }
}
