using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>An object found by GetObject: its record and its bytes (or the range asked for), open for reading (the caller disposes it).</summary>
public sealed class OpenedObject : IDisposable, IAsyncDisposable
{
    public OpenedObject(ObjectRecord record, ObjectRange? range, Stream content)
    {
        Record = record;
        Range = range;
        Content = content;
    }

    public ObjectRecord Record { get; }

    /// <summary>The range <see cref="Content"/> holds; null for the whole object.</summary>
    public ObjectRange? Range { get; }

    /// <summary>The bytes of <see cref="Range"/> (or of the whole object), from its start; not seekable.</summary>
    public Stream Content { get; }

    public void Dispose() => Content.Dispose();

    public ValueTask DisposeAsync() => Content.DisposeAsync();
}
