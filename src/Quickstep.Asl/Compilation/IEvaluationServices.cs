using Quickstep.Jsonata;

namespace Quickstep.Asl.Compilation;

/// <summary>
/// The non-deterministic inputs an expression may need (States.UUID, States.MathRandom, JSONata
/// $now/$millis/$random/$uuid), injected so tests and replays are deterministic.
/// </summary>
public interface IEvaluationServices : IJsonataServices;
