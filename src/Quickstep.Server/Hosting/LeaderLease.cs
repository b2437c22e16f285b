using Microsoft.Extensions.Logging;
using Quickstep.Storage;

namespace Quickstep.Server.Hosting;

/// <summary>
/// Runs work that must run once across the nodes sharing a store only while this node holds its leader lease:
/// the lease is taken or renewed every third of its duration; the work starts when this node gains it and is
/// cancelled when a renewal fails or the lease is lost (before it can expire), and the lease is released on stop
/// so another node takes over at once. With a store no other node shares the work simply runs.
/// </summary>
internal static class LeaderLease
{
    public static Task RunAsync(ILeaseStore leases, string name, TimeProvider time, ILogger logger, Func<CancellationToken, Task> lead, CancellationToken stop)
    {
        if (leases is LocalLeaseStore)
            return lead(stop);
        return Task.Run(() => LoopAsync(leases, name, time, logger, lead, stop), CancellationToken.None);
    }

    private static async Task LoopAsync(ILeaseStore leases, string name, TimeProvider time, ILogger logger, Func<CancellationToken, Task> lead, CancellationToken stop)
    {
        CancellationTokenSource? leading = null;
        Task? work = null;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                bool held;
                try
                {
                    held = await leases.TryHoldAsync(name, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (stop.IsCancellationRequested)
                {
                    break;
                }
#pragma warning disable CA1031 // an unreachable database means this node cannot know it leads: it stops leading and retries.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    ClusterLog.HeartbeatFailed(logger, e);
                    held = false;
                }

                if (held && leading is null)
                {
                    ClusterLog.Leadership(logger, "holds", name);
                    leading = CancellationTokenSource.CreateLinkedTokenSource(stop);
                    var token = leading.Token;
                    work = Task.Run(() => lead(token), CancellationToken.None);
                }
                else if (!held && leading is not null)
                {
                    ClusterLog.Leadership(logger, "lost", name);
                    await StopAsync(leading, work).ConfigureAwait(false);
                    leading = null;
                    work = null;
                }

                try
                {
                    await Task.Delay(leases.Duration / 3, time, stop).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        finally
        {
            if (leading is not null)
            {
                await StopAsync(leading, work).ConfigureAwait(false);
                try
                {
                    await leases.ReleaseAsync(name, CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // best effort: an unreleased lease expires by itself.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    ClusterLog.HeartbeatFailed(logger, e);
                }
            }
        }
    }

    private static async Task StopAsync(CancellationTokenSource leading, Task? work)
    {
        await leading.CancelAsync().ConfigureAwait(false);
        if (work is not null)
        {
            try
            {
                await work.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // The work stopped because this node no longer leads.
            }
        }

        leading.Dispose();
    }
}
