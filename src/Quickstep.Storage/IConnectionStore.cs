namespace Quickstep.Storage;

/// <summary>EventBridge connections, durable (their secrets live here, as AWS keeps them in Secrets Manager).</summary>
public interface IConnectionStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ConnectionRecord>> ListConnectionsAsync(CancellationToken cancellationToken = default);

    /// <summary>Creates or replaces the connection of that name.</summary>
    Task PutConnectionAsync(ConnectionRecord connection, CancellationToken cancellationToken = default);

    Task<bool> DeleteConnectionAsync(string name, CancellationToken cancellationToken = default);
}
