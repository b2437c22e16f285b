namespace Quickstep.Asl.Model;

public sealed class SucceedState : State
{
    public override StateType Type => StateType.Succeed;
}
