using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests.Postgres;

public sealed class PostgresMessageQueueStoreTests : MessageQueueStoreContract
{
    protected override async Task<IServiceStoreHost> CreateHostAsync() => await PostgresServiceStoreHost.CreateAsync();
}
