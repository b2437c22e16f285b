using Quickstep.Asl.Model;
using Quickstep.Json;

namespace Quickstep.Asl.Parsing;

/// <summary>The state object being read, with its pointer, type and effective query language.</summary>
internal readonly record struct StateContext(string Name, JObject Obj, string Pointer, StateType Type, QueryLanguage Language)
{
    public bool IsJsonata => Language == QueryLanguage.JSONata;

    /// <summary>The field's value when present and allowed for this type and language (a disallowed field was already reported).</summary>
    public JValue? Get(string field)
    {
        if (!Obj.TryGetValue(field, out var value))
            return null;
        if (!StateFields.TryGet(field, out var rule) || !rule.AllowsType(Type) || !rule.AllowsLanguage(Language))
            return null;
        return value;
    }

    public bool Has(string field) => Obj.ContainsKey(field);

    public string PointerTo(string field) => JsonPointer.Append(Pointer, field);
}
