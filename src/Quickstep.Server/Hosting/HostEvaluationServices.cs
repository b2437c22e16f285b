using System.Runtime.CompilerServices;
using Quickstep.Asl.Compilation;

namespace Quickstep.Server.Hosting;

/// <summary>
/// The engine's ids and randomness, with one addition: the host can pin the next id, so that the UUID the
/// engine puts in the execution ARN ($$.Execution.Id) is the one the API already returned to the caller.
/// A local workaround until ExecutionOptions can carry the execution ARN.
/// </summary>
internal sealed class HostEvaluationServices : IEvaluationServices
{
    private static readonly AsyncLocal<StrongBox<Guid?>?> Pinned = new();
    private readonly IEvaluationServices _inner;

    public HostEvaluationServices(IEvaluationServices inner) => _inner = inner;

    public DateTimeOffset UtcNow => _inner.UtcNow;

    /// <summary>The next <see cref="NewGuid"/> in this async flow returns <paramref name="id"/> (once).</summary>
    public static void PinNextGuid(Guid id) => Pinned.Value = new StrongBox<Guid?>(id);

    public static void Unpin() => Pinned.Value = null;

    public Guid NewGuid()
    {
        // The box is shared with every flow that inherited it, so consuming it here consumes it everywhere.
        if (Pinned.Value is { Value: { } id } box)
        {
            box.Value = null;
            return id;
        }

        return _inner.NewGuid();
    }

    public double NextDouble() => _inner.NextDouble();
}
