namespace Quickstep.Server.Tests.Cluster;

/// <summary>The tests that start three `quickstep serve` processes on PostgreSQL run one after the other (six nodes at once on two cores failed the executions test).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterProcessCollection
{
    public const string Name = "cluster processes";
}
