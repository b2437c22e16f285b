namespace Quickstep.Asl.Model;

public enum StateType : byte
{
    Pass,
    Task,
    Choice,
    Wait,
    Succeed,
    Fail,
    Parallel,
    Map,
}
