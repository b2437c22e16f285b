using Quickstep.Asl.Errors;
using Quickstep.Engine.Ports;
using Quickstep.Json;

namespace Quickstep.Integrations.Mocking;

/// <summary>One entry of a mocked response: for invocations <see cref="FirstInvocation"/>…<see cref="LastInvocation"/>, return or throw.</summary>
public sealed class MockedResponseEntry
{
    internal MockedResponseEntry(int firstInvocation, int lastInvocation, JValue? returnValue, StatesError? throwError)
    {
        FirstInvocation = firstInvocation;
        LastInvocation = lastInvocation;
        Return = returnValue;
        Throw = throwError;
        Result = throwError is not null ? TaskResult.Failure(throwError) : TaskResult.Success(returnValue!);
    }

    /// <summary>The task result this entry answers with, built once.</summary>
    internal TaskResult Result { get; }

    /// <summary>The first 0-based invocation this entry answers.</summary>
    public int FirstInvocation { get; }

    /// <summary>The last 0-based invocation this entry answers (inclusive).</summary>
    public int LastInvocation { get; }

    /// <summary>The task result to return (the whole result, e.g. lambda:invoke's envelope), or null when it throws.</summary>
    public JValue? Return { get; }

    /// <summary>The error to fail with, or null when it returns.</summary>
    public StatesError? Throw { get; }
}
