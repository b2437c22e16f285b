namespace Quickstep.Engine;

/// <summary>The state machine type. Quickstep runs EXPRESS; STANDARD shapes ARNs and creation rules only.</summary>
public enum StateMachineType
{
    Express,
    Standard,
}
