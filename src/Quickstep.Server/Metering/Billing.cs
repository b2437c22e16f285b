namespace Quickstep.Server.Metering;

/// <summary>
/// Express billing as AWS computes it (https://aws.amazon.com/step-functions/pricing/): duration rounded
/// up to the next 100 ms; memory estimated as 50 MB + definition size + execution data size × number of
/// Parallel/Map states (counted by the engine: <see cref="Quickstep.Engine.StateMachine.MapAndParallelStates"/>), billed in 64 MB chunks.
/// </summary>
internal static class Billing
{
    private const long Mb = 1024 * 1024;

    public static long BilledDurationMilliseconds(TimeSpan duration)
    {
        var ms = (long)Math.Ceiling(Math.Max(0, duration.TotalMilliseconds));
        return Math.Max(100, (ms + 99) / 100 * 100);
    }

    public static long BilledMemoryMegabytes(long definitionBytes, long dataBytes, int mapAndParallelStates)
    {
        var bytes = (50 * Mb) + definitionBytes + (dataBytes * Math.Max(1, mapAndParallelStates));
        var mb = (bytes + Mb - 1) / Mb;
        return (mb + 63) / 64 * 64;
    }
}
