using System.Diagnostics;

namespace Quickstep.Integrations.Functions.Runtime;

/// <summary>One warm worker process of a function and the Runtime API listener only it talks to.</summary>
internal sealed class RuntimeWorker(Process process, RuntimeApiListener listener)
{
    public Process Process { get; } = process;

    public RuntimeApiListener Listener { get; } = listener;

    /// <summary>The invocation it is running (null: idle or polling /next).</summary>
    public RuntimePendingInvocation? Current { get; set; }

    /// <summary>Where its output lines go: the invocation it ran last, until its end marker.</summary>
    public RuntimePendingInvocation? LogTarget { get; set; }

    /// <summary>Whether it ever took an invocation (one that exits before is a failed init).</summary>
    public bool Served { get; set; }

    /// <summary>What it reported on /runtime/init/error, if anything.</summary>
    public LambdaError? InitError { get; set; }

    public void Kill() => FunctionProcess.Kill(Process);
}
