using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests;

public sealed class SqliteServiceStoresTests : ServiceStoresContract
{
    protected override Task<IServiceStoreHost> CreateHostAsync() => Task.FromResult<IServiceStoreHost>(new SqliteServiceStoreHost());
}
