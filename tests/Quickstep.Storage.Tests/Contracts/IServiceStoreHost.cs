namespace Quickstep.Storage.Tests.Contracts;

/// <summary>One database the contract suites open stores on: again after closing (a restart), or several at once (nodes, PostgreSQL only).</summary>
public interface IServiceStoreHost : IAsyncDisposable
{
    /// <summary>Opens and initializes every service store on the database.</summary>
    Task<ServiceStoreSet> OpenAsync();
}
