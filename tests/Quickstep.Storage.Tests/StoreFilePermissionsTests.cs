namespace Quickstep.Storage.Tests;

/// <summary>The store holds other people's execution data: only its owner may read it (issue 18). Unix file modes: Linux and macOS.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class StoreFilePermissionsTests
{
    private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    [Fact]
    public async Task NewStore_FolderAndFilesAreTheOwnersAlone()
    {
        await using var db = new TempDatabase();
        await using var store = await db.OpenAsync();
        Assert.True(await store.TryCreateStateMachineAsync(SqliteStoreTests.Machine(), [new ResourceTag("k", "v")]));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.GetDirectoryName(db.Path)!));
        foreach (var file in new[] { db.Path, db.Path + "-wal", db.Path + "-shm" })
        {
            Assert.True(File.Exists(file), file);
            Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(file));
        }
    }

    [Fact]
    public async Task ExistingWorldReadableDatabase_IsNarrowedOnOpen()
    {
        await using var db = new TempDatabase();
        await (await db.OpenAsync()).DisposeAsync();
        File.SetUnixFileMode(db.Path, OwnerReadWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        await (await db.OpenAsync()).DisposeAsync();
        Assert.Equal(OwnerReadWrite, File.GetUnixFileMode(db.Path));
    }
}
