using Quickstep.Json;

namespace Quickstep.Jsonata;

/// <summary>The body of a library function: validated arguments in, a value (or undefined as null) out.</summary>
internal delegate JValue? BuiltinImpl(Evaluator ev, List<JValue?> args, JValue? input);
