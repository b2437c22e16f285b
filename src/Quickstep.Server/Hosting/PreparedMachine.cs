using Quickstep.Engine;

namespace Quickstep.Server.Hosting;

/// <summary>
/// A machine revision ready to run: its compiled plan and what billing and logging need of its definition
/// and logging configuration, worked out once per revision instead of once per execution.
/// </summary>
internal sealed record PreparedMachine(StateMachine Plan, int DefinitionBytes, int MapAndParallelStates, Engine.History.ExecutionLogLevel LogLevel, bool IncludeExecutionData);
