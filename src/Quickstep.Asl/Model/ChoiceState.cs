namespace Quickstep.Asl.Model;

public sealed class ChoiceState : State
{
    public override StateType Type => StateType.Choice;

    public required IReadOnlyList<ChoiceRule> Choices { get; init; }

    public string? Default { get; init; }
}
