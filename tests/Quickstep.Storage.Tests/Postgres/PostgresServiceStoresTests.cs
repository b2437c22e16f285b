using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests.Postgres;

public sealed class PostgresServiceStoresTests : ServiceStoresContract
{
    protected override async Task<IServiceStoreHost> CreateHostAsync() => await PostgresServiceStoreHost.CreateAsync();
}
