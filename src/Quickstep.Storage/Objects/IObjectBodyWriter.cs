namespace Quickstep.Storage.Objects;

/// <summary>One body being written (<see cref="IObjectBodyStore.CreateAsync"/>): disposed before <see cref="CompleteAsync"/>, it leaves nothing.</summary>
public interface IObjectBodyWriter : IAsyncDisposable
{
    /// <summary>Appends bytes; the writer holds at most a bounded buffer of them, whatever the body's size.</summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default);

    /// <summary>Makes the whole body readable at once; returns its length.</summary>
    Task<long> CompleteAsync(CancellationToken cancellationToken = default);
}
