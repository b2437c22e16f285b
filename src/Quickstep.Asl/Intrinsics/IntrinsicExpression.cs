namespace Quickstep.Asl.Intrinsics;

/// <summary>
/// A compiled intrinsic function call (or nested calls), e.g. <c>States.Format('{}', $.a)</c>; a nested call is
/// itself an argument of the call around it. Evaluation failures are <see cref="Errors.StatesError"/> values
/// with AWS's error name and cause.
/// </summary>
internal abstract class IntrinsicExpression : IntrinsicArgument;
