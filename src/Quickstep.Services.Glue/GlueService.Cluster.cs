using Quickstep.Json;
using Quickstep.Storage;

namespace Quickstep.Services.Glue;

/// <summary>
/// Runs on a store shared by several nodes: each node runs the runs it started, polls their stop requests, and fails
/// the runs left active by a node that is gone (its own from before a restart, or any node whose lease expired).
/// </summary>
public sealed partial class GlueService
{
    /// <summary>Polls between two sweeps for runs of dead nodes.</summary>
    private const int PollsPerSweep = 15;

#pragma warning disable CA1031 // the database being briefly unreachable must not end the poll: the next one retries.
    private async Task PollAsync(IGlueJobStore store, CancellationToken cancellationToken)
    {
        var polls = 0;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(_options.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                await PollStopsAsync(store, cancellationToken).ConfigureAwait(false);
                if (++polls % PollsPerSweep == 0)
                    await FailLostRunsAsync(store, startup: false, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception)
            {
                // Retried at the next poll.
            }
        }
    }
#pragma warning restore CA1031

    /// <summary>Stops this node's runs that another node was asked to stop, and ends those whose job was deleted elsewhere.</summary>
    private async Task PollStopsAsync(IGlueJobStore store, CancellationToken cancellationToken)
    {
        List<string> ids;
        lock (_gate)
            ids = [.. _stored];
        if (ids.Count == 0)
            return;
        var rows = (await store.GetRunsAsync(ids, cancellationToken).ConfigureAwait(false)).ToDictionary(r => r.Id, StringComparer.Ordinal);
        foreach (var id in ids)
        {
            GlueJobRun? run;
            RunHandle? handle;
            lock (_gate)
            {
                if (!_stored.Contains(id) || !_runs.TryGetValue(id, out run) || !_handles.TryGetValue(id, out handle))
                    continue;
                if (rows.TryGetValue(id, out var row))
                {
                    if (!row.StopRequested || run.State is not (GlueJobRunState.Starting or GlueJobRunState.Running))
                        continue;
                    run.State = GlueJobRunState.Stopping;
                    run.LastModifiedOn = _time.GetUtcNow();
                }
                else
                {
                    // DeleteJob through another node removed the job and its runs.
                    _runs.Remove(id);
                    _stored.Remove(id);
                    handle.Delete();
                    continue;
                }
            }

            await SaveAsync(run).ConfigureAwait(false);
            handle.Stop();
        }
    }

    /// <summary>
    /// Fails the active runs whose node is gone: at start, this node's own (its process ended with the previous server
    /// process), and any time, those of nodes whose lease expired. A live node's runs are left alone.
    /// </summary>
    private async Task FailLostRunsAsync(IGlueJobStore store, bool startup, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var live = (await store.LiveNodesAsync(now, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        foreach (var record in await store.LoadRunsAsync(cancellationToken).ConfigureAwait(false))
        {
            var mine = record.Node is not null && record.Node == _options.NodeId;
            if (mine ? !startup : record.Node is not null && live.Contains(record.Node))
                continue;
            var run = GlueJobRun.FromJson((JObject)JsonText.Parse(record.Json));
            if (!GlueJobRunState.IsActive(run.State))
                continue;
            run.ErrorMessage = mine
                ? $"The job run's process was lost: its Quickstep node ({record.Node}) stopped while the run was {run.State}, so its outcome is unknown."
                : $"The job run's node was lost: the Quickstep node running it ({record.Node ?? "unknown"}) stopped or its lease expired while the run was {run.State}, so its outcome is unknown.";
            run.State = GlueJobRunState.Failed;
            run.CompletedOn = now;
            run.LastModifiedOn = now;
            run.ExecutionTime = Seconds(now - run.StartedOn);
            await store.SaveRunAsync(
                new GlueJobRunRecord(run.Id, run.JobName, run.StartedOn.ToUnixTimeMilliseconds(), JsonText.Serialize(run.ToJson())) { Node = record.Node },
                cancellationToken).ConfigureAwait(false);
        }
    }
}
