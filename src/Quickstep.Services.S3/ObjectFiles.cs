using System.Globalization;

namespace Quickstep.Services.S3;

/// <summary>
/// Where object bytes live: <c>ROOT/objects/ab/abcdef…</c>, one file per stored version of an object, named
/// by a random id the service chose (32 hex digits), never by the key, so that no key (<c>../</c>, absolute
/// paths, unicode, 1,024 bytes) can name a path outside the folder or collide with another key's file.
/// The database maps keys to ids.
/// </summary>
public sealed class ObjectFiles
{
    private readonly string _objects;

    public ObjectFiles(string root)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        Root = Path.GetFullPath(root);
        _objects = Path.Combine(Root, "objects");
    }

    /// <summary>The folder everything is under.</summary>
    public string Root { get; }

    /// <summary>A new id for a file about to be written.</summary>
    public static string NewId() => Guid.NewGuid().ToString("N", CultureInfo.InvariantCulture);

    /// <summary>The file of <paramref name="id"/>; anything but 32 lower-case hex digits is refused, whatever the database holds.</summary>
    public string PathOf(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length != 32 || !id.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException($"'{id}' is not an object file id.", nameof(id));
        return Path.Combine(_objects, id[..2], id);
    }

    /// <summary>Creates the file of a new id for writing (its folder too).</summary>
    public FileStream Create(string id)
    {
        var path = PathOf(id);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Share = FileShare.None,
            Options = FileOptions.Asynchronous | FileOptions.SequentialScan,
            BufferSize = 0,
        });
    }

    /// <summary>Opens the file of <paramref name="id"/> for reading; null when it is gone (replaced or deleted meanwhile).</summary>
    public FileStream? TryOpenRead(string id)
    {
        try
        {
            return new FileStream(PathOf(id), new FileStreamOptions
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
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>The ids of every object file on disk.</summary>
    public IEnumerable<string> EnumerateIds()
    {
        if (!Directory.Exists(_objects))
            yield break;
        foreach (var file in Directory.EnumerateFiles(_objects, "*", SearchOption.AllDirectories))
        {
            var name = Path.GetFileName(file);
            if (name.Length == 32 && name.All(char.IsAsciiHexDigitLower))
                yield return name;
        }
    }

    /// <summary>Deletes the file of an id no record references any more; a file already gone is fine.</summary>
    public void Delete(string id)
    {
        try
        {
            File.Delete(PathOf(id));
        }
        catch (DirectoryNotFoundException)
        {
            // Already gone.
        }
    }
}
