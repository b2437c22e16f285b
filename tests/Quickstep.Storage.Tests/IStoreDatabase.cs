namespace Quickstep.Storage.Tests;

/// <summary>A test database that stores open on; disposing it deletes it.</summary>
public interface IStoreDatabase : IAsyncDisposable
{
    /// <summary>Opens (and initialises) a store on the database; a second call is a restart.</summary>
    Task<IQuickstepStore> OpenAsync();
}
