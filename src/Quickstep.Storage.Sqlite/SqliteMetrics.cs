using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Quickstep.Storage.Sqlite;

/// <summary>The store's instruments (Meter "Quickstep.Storage"): how long each write transaction takes to commit.</summary>
public static class SqliteMetrics
{
    /// <summary>The Meter's name.</summary>
    public const string MeterName = "Quickstep.Storage";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Histogram<double> WriteDuration = Meter.CreateHistogram<double>("quickstep.store.write_duration_ms", "ms", "Time to run and commit one write transaction (a batch of writes).");

    private static readonly Counter<long> Writes = Meter.CreateCounter<long>("quickstep.store.writes", "{write}", "Writes committed.");

    internal static void Committed(long startTimestamp, int writes)
    {
        if (WriteDuration.Enabled)
            WriteDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalMilliseconds);
        if (Writes.Enabled)
            Writes.Add(writes);
    }
}
