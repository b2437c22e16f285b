using Quickstep.Asl.Model;

namespace Quickstep.Asl.Parsing;

/// <summary>Where a state field may appear: a set of state types, and whether JSONPath and/or JSONata states accept it.</summary>
internal readonly record struct FieldRule(int TypeMask, bool JsonPath, bool Jsonata)
{
    public bool AllowsType(StateType type) => (TypeMask & (1 << (int)type)) != 0;

    public bool AllowsLanguage(QueryLanguage language) => language == QueryLanguage.JSONata ? Jsonata : JsonPath;
}
