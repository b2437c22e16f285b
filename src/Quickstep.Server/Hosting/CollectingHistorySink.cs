using Quickstep.Engine.History;

namespace Quickstep.Server.Hosting;

/// <summary>Keeps the events of a running execution (Map/Parallel branches may add concurrently).</summary>
internal sealed class CollectingHistorySink : IHistorySink
{
    private readonly List<HistoryEvent> _events = [];
    private readonly Lock _lock = new();

    public void Add(HistoryEvent historyEvent)
    {
        lock (_lock)
            _events.Add(historyEvent);
    }

    public IReadOnlyList<HistoryEvent> Snapshot()
    {
        lock (_lock)
            return [.. _events.OrderBy(e => e.Id)];
    }
}
