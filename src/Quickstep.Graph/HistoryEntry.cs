namespace Quickstep.Graph;

/// <summary>
/// One history event as the overlay reads it. <see cref="StateName"/> is the "name" of the event's
/// details (the state for StateEntered/Exited, the Map for MapIteration events), null when it has none.
/// </summary>
public readonly record struct HistoryEntry(long Id, long PreviousId, string Type, string? StateName, string DetailsJson);
