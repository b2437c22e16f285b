using Quickstep.Storage.Objects;

namespace Quickstep.Services.S3;

/// <summary>An object found by GetObject: its record and its bytes, open for reading (the caller disposes it).</summary>
public sealed class OpenedObject : IDisposable
{
    public OpenedObject(ObjectRecord record, Stream content)
    {
        Record = record;
        Content = content;
    }

    public ObjectRecord Record { get; }

    /// <summary>The whole object's bytes; seek to read a range.</summary>
    public Stream Content { get; }

    public void Dispose() => Content.Dispose();
}
