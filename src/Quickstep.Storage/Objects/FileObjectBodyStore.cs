namespace Quickstep.Storage.Objects;

/// <summary>
/// Bodies as files of one node: <c>ROOT/objects/ab/abcdef…</c>, one file per body, named by its id (32 lower-case hex
/// digits, chosen by the service), never by an object key, so that no key (<c>../</c>, absolute paths, unicode,
/// 1,024 bytes) can name a path outside the folder or collide with another key's file. The store that goes with
/// the SQLite file; a reader keeps a deleted file open to its end (POSIX unlink, FileShare.Delete).
/// </summary>
public sealed class FileObjectBodyStore : IObjectBodyStore
{
    private readonly string _objects;

    public FileObjectBodyStore(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _objects = Path.Combine(Root, "objects");
    }

    /// <summary>The folder everything is under.</summary>
    public string Root { get; }

    /// <summary>The file of <paramref name="id"/>; anything but 32 lower-case hex digits is refused, whatever the database holds.</summary>
    public string PathOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{id}' is not an object file id.", nameof(id));
        return Path.Combine(_objects, id[..2], id);
    }

    public Task<IObjectBodyWriter> CreateAsync(string id, CancellationToken cancellationToken = default)
    {
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var file = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
        return Task.FromResult<IObjectBodyWriter>(new FileObjectBodyWriter(file, path));
    }

    public Task<Stream?> OpenReadAsync(string id, long offset, long length, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        FileStream file;
        try
        {
            file = new FileStream(PathOf(id), new FileStreamOptions
            {
                Mode = FileMode.Open,
                Access = FileAccess.Read,
                Share = FileShare.Read | FileShare.Delete,
                Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
                BufferSize = 0,
            });
        }
        catch (FileNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
        catch (DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }

        file.Seek(offset, SeekOrigin.Begin);
        return Task.FromResult<Stream?>(new BoundedReadStream(file, length));
    }

    public Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ids);
        foreach (var id in ids)
            Delete(PathOf(id));
        return Task.CompletedTask;
    }

    /// <summary>Every body file on disk: a node's own folder has no writer but its own, and this runs before it serves requests.</summary>
    public Task<IReadOnlyList<string>> ListSettledIdsAsync(CancellationToken cancellationToken = default)
    {
        var ids = new List<string>();
        if (Directory.Exists(_objects))
        {
            foreach (var file in Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories))
            {
                var name = Path.GetFileName(file);
                if (name.Length == 32 && name.All(char.IsAsciiHexDigitLower))
                    ids.Add(name);
            }
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    /// <summary>Deletes a file; one already gone is fine.</summary>
    internal static void Delete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
