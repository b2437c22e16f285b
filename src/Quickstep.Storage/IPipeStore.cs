namespace Quickstep.Storage;

/// <summary>Durable EventBridge Pipes definitions.</summary>
public interface IPipeStore
{
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<bool> TryCreatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default);

    Task<PipeRecord?> GetPipeAsync(string name, CancellationToken cancellationToken = default);

    Task<bool> UpdatePipeAsync(PipeRecord pipe, CancellationToken cancellationToken = default);

    Task<bool> DeletePipeAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every pipe, by name.</summary>
    Task<IReadOnlyList<PipeRecord>> ListPipesAsync(CancellationToken cancellationToken = default);
}
