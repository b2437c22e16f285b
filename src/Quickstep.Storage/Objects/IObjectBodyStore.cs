namespace Quickstep.Storage.Objects;

/// <summary>
/// The bytes of S3 objects and uploaded parts, by the id their records hold (<see cref="ObjectRecord.FileId"/>,
/// <see cref="PartRecord.FileId"/>). A body is written once under a new id, never changed, and deleted once no
/// record refers to it. Files beside the node's database (<see cref="FileObjectBodyStore"/>) or rows in the shared
/// database, so that every node reads what any node wrote. Implementations are thread-safe.
/// </summary>
public interface IObjectBodyStore
{
    /// <summary>Starts the body of a new id; nothing of it is readable, or kept, until <see cref="IObjectBodyWriter.CompleteAsync"/>.</summary>
    Task<IObjectBodyWriter> CreateAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>
    /// The <paramref name="length"/> bytes of the body of <paramref name="id"/> from <paramref name="offset"/>; null when no body of that
    /// id is stored (deleted, or replaced meanwhile). What was opened stays readable to its end even if the body is deleted meanwhile.
    /// </summary>
    Task<Stream?> OpenReadAsync(string id, long offset, long length, CancellationToken cancellationToken = default);

    /// <summary>Deletes the bodies of ids no record refers to any more; an id with no body is fine.</summary>
    Task DeleteAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken = default);

    /// <summary>
    /// The ids of stored bodies that no write in progress can still be about to refer to: every body of a node's own folder (at start),
    /// the bodies completed longer ago than a grace period in a store other nodes share (their writes commit a body, then its record).
    /// </summary>
    Task<IReadOnlyList<string>> ListSettledIdsAsync(CancellationToken cancellationToken = default);
}
