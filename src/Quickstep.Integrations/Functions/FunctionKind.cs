namespace Quickstep.Integrations.Functions;

/// <summary>How a function runs.</summary>
public enum FunctionKind
{
    /// <summary>A .NET delegate or <see cref="LambdaFunction"/> in this process.</summary>
    InProcess,

    /// <summary>A local command started per call (event on stdin, result on stdout).</summary>
    Command,

    /// <summary>An HTTP endpoint the event is POSTed to.</summary>
    Url,

    /// <summary>Unchanged Lambda handler code run by Quickstep's bootstrap for its language over the Runtime API.</summary>
    Runtime,

    /// <summary>A program that speaks the Runtime API itself.</summary>
    Worker,
}
