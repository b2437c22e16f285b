using Quickstep.Json;

namespace Quickstep.Engine.Tests;

/// <summary>A Task times out on its TimeoutSeconds, however it is given, even when the handler ignores cancellation.</summary>
public sealed class TaskTimeoutTests
{
    [Theory]
    [InlineData("""{"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%stubborn","TimeoutSeconds":"{% $states.input.t %}","End":true}}}""")]
    [InlineData("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%stubborn","TimeoutSecondsPath":"$.t","End":true}}}""")]
    [InlineData("""{"StartAt":"T","States":{"T":{"Type":"Task","Resource":"%FN%stubborn","TimeoutSeconds":7,"End":true}}}""")]
    public async Task Task_TimeoutSeconds_TimesOutOnTheValueEvenIfTheHandlerIgnoresCancellation(string def)
    {
        var clock = new VirtualTimeProvider(Run.Start);
        var r = await Run.Async(def, """{"t":7}""", f => f.Register("stubborn", async (JValue e, CancellationToken _) =>
        {
            // Ignores the token on purpose: a function that cannot be interrupted.
            await clock.IdleTracker.DelayAsync(clock, TimeSpan.FromSeconds(60));
            return e;
        }), clock, history: true);
        Assert.Equal((ExecutionStatus.Failed, "States.Timeout"), (r.Status, r.Error));
        Assert.Equal(TimeSpan.FromSeconds(7), r.StopDate - r.StartDate);
        Assert.Contains(r.History!, e => e.Type == "LambdaFunctionTimedOut");
    }
}
