using Quickstep.Server.Hosting;
using Quickstep.Services.Glue;
using Quickstep.Services.S3;

namespace Quickstep.Server.Services;

/// <summary>Creates the Glue service on the server's store: runs' files beside the database, scripts from the built-in S3 or the configured roots.</summary>
internal static class GlueWiring
{
    public static async Task<GlueService> CreateAsync(StoreSet stores, QuickstepServerOptions options, QuickstepConfig config, S3Service s3, CancellationToken cancellationToken)
    {
        return await GlueService.CreateAsync(new GlueServiceOptions
        {
            Region = options.Region,
            AccountId = options.AccountId,
            TimeProvider = options.TimeProvider,
            Store = stores.GlueJobs,
            Shared = stores.Shared,
            NodeId = (stores.Core as Quickstep.Storage.Postgres.PostgresStore)?.NodeId,
            RunsDirectory = Path.Combine(stores.FilesDirectory, "glue", "runs"),
            ScriptRoots = config.Glue.ScriptRoots,
            TimeoutUnit = options.GlueTimeoutUnit,
            OpenS3Object = async (bucket, key, ct) => (await s3.GetObjectAsync(bucket, key, null, ct).ConfigureAwait(false)).Content,
        }, cancellationToken).ConfigureAwait(false);
    }
}
