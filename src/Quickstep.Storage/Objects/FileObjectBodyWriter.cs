namespace Quickstep.Storage.Objects;

/// <summary>A body file being written; deleted when disposed before it was completed.</summary>
internal sealed class FileObjectBodyWriter(FileStream file, string path) : IObjectBodyWriter
{
    private long _length;
    private bool _completed;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken = default)
    {
        await file.WriteAsync(data, cancellationToken).ConfigureAwait(false);
        _length += data.Length;
    }

    public async Task<long> CompleteAsync(CancellationToken cancellationToken = default)
    {
        await file.FlushAsync(cancellationToken).ConfigureAwait(false);
        await file.DisposeAsync().ConfigureAwait(false);
        _completed = true;
        return _length;
    }

    public async ValueTask DisposeAsync()
    {
        await file.DisposeAsync().ConfigureAwait(false);
        if (!_completed)
            FileObjectBodyStore.Delete(path);
    }
}
