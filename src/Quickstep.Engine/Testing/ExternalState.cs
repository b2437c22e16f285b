using Quickstep.Engine.Plan;

namespace Quickstep.Engine.Testing;

/// <summary>A transition target outside the tested state: only its name is known and reported as nextState; it never runs.</summary>
internal sealed class ExternalState(string name) : CompiledState(new SucceedState { Common = new CommonFields { Name = name, Pointer = string.Empty } }, new ExpressionTable())
{
    public override ValueTask<StateOutcome> ExecuteAsync(Execution x, Frame frame, JValue input, StateEntry entry) =>
        throw new InvalidOperationException($"The state '{Name}' is outside the tested state and cannot run.");
}
