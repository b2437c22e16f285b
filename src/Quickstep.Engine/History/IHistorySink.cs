namespace Quickstep.Engine.History;

/// <summary>Receives history events as an execution emits them (logs, stores, consoles).</summary>
public interface IHistorySink
{
    void Add(HistoryEvent historyEvent);
}
