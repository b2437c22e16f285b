namespace Quickstep.Storage.Tests;

/// <summary>Tests that count the process's allocations run alone (other tests would allocate meanwhile).</summary>
[CollectionDefinition(nameof(AllocationCollection), DisableParallelization = true)]
public sealed class AllocationCollection;
