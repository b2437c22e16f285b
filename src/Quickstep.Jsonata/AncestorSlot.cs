namespace Quickstep.Jsonata;

/// <summary>A parent-operator (%) binding: the tuple label that carries the ancestor and how many steps up it is.</summary>
internal sealed class AncestorSlot
{
    public AncestorSlot(string label, int level, int index)
    {
        Label = label;
        Level = level;
        Index = index;
    }

    public string Label { get; set; }

    public int Level { get; set; }

    public int Index { get; }
}
