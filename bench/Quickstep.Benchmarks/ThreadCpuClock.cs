using System.Runtime.InteropServices;
using Perfolizer.Horology;

namespace Quickstep.Benchmarks;

/// <summary>
/// A BenchmarkDotNet clock that reads the calling thread's CPU time (clock_gettime
/// CLOCK_THREAD_CPUTIME_ID, nanoseconds). On a machine shared with other work a wall clock counts
/// the time the benchmark waited for a core; this one does not. In-process runs measure the thread
/// that runs the benchmark (gen0 GCs it triggers included; the background GC thread not).
/// Selected with --cpu-clock (Linux only).
/// </summary>
internal sealed partial class ThreadCpuClock : IClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static readonly ThreadCpuClock Instance = new();

    public string Title => "ThreadCpuTime";

    public bool IsAvailable => OperatingSystem.IsLinux();

    public Frequency Frequency => Frequency.GHz;

    public long GetTimestamp()
    {
        _ = ClockGetTime(ClockThreadCpuTimeId, out var ts);
        return (ts.Seconds * 1_000_000_000L) + ts.Nanoseconds;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clockId, out Timespec timespec);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
