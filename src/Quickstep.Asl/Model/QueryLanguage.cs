namespace Quickstep.Asl.Model;

/// <summary>The query language of a machine or a state (ASL "QueryLanguage").</summary>
public enum QueryLanguage : byte
{
    JSONPath,
    JSONata,
}
