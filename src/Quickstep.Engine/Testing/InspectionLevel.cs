namespace Quickstep.Engine.Testing;

/// <summary>How much TestState reports: INFO the outcome only, DEBUG also the data flow, TRACE also an HTTP Task's request and response.</summary>
public enum InspectionLevel
{
    Info,
    Debug,
    Trace,
}
