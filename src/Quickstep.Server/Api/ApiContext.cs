using Quickstep.Engine;
using Quickstep.Server.Hosting;
using Quickstep.Storage;

namespace Quickstep.Server.Api;

/// <summary>What every operation needs: the store, ARNs, the clock, ids and the execution service.</summary>
internal sealed class ApiContext
{
    public ApiContext(IQuickstepStore store, QuickstepServerOptions options, ExecutionService executions, QuickstepEngine engine)
    {
        Store = store;
        Options = options;
        Executions = executions;
        Engine = engine;
        Arns = new Arns(options.Region, options.AccountId);
    }

    public IQuickstepStore Store { get; }

    public QuickstepServerOptions Options { get; }

    public ExecutionService Executions { get; }

    public QuickstepEngine Engine { get; }

    public Arns Arns { get; }

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();

    public string NewId() => Options.NewId().ToString();

    public async Task<StateMachineRecord> RequireStateMachineAsync(string arn, CancellationToken ct, string? reportedArn = null) =>
        await Store.GetStateMachineAsync(arn, ct).ConfigureAwait(false) ?? throw new ApiException("StateMachineDoesNotExist", $"State Machine Does Not Exist: '{reportedArn ?? arn}'");

    public async Task<ExecutionRecord> RequireExecutionAsync(string arn, CancellationToken ct)
    {
        Arns.ValidateExecution(arn);
        return await Store.GetExecutionAsync(arn, ct).ConfigureAwait(false) ?? throw new ApiException("ExecutionDoesNotExist", $"Execution Does Not Exist: '{arn}'");
    }
}
