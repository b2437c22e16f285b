using Quickstep.Storage.Tests.Contracts;

namespace Quickstep.Storage.Tests;

public sealed class SqliteMessageQueueStoreTests : MessageQueueStoreContract
{
    protected override Task<IServiceStoreHost> CreateHostAsync() => Task.FromResult<IServiceStoreHost>(new SqliteServiceStoreHost());
}
