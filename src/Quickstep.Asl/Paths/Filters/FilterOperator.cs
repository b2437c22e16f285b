namespace Quickstep.Asl.Paths.Filters;

/// <summary>The relational operators of Jayway filter expressions.</summary>
internal enum FilterOperator : byte
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
    Matches,
    In,
    NotIn,
    SubsetOf,
    AnyOf,
    NoneOf,
    Size,
    Empty,
    Contains,
}
