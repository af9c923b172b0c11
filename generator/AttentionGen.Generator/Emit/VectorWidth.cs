namespace AttentionGen.Generator.Emit;

/// <summary>One hardware vector width a generated kernel has a path for.</summary>
/// <param name="TypeName">The vector type without its element, e.g. <c>Vector512</c> (also its static class), as the implementation names it.</param>
/// <param name="Bits">Its width in bits.</param>
internal sealed record VectorWidth(string TypeName, int Bits)
{
    /// <summary>The widths, widest first: the order in which the kernel tries them.</summary>
    public static readonly VectorWidth[] All =
    {
        new("Vector512", 512),
        new("Vector256", 256),
        new("Vector128", 128),
    };

    /// <summary>Lanes of an element of <paramref name="elementSize"/> bytes.</summary>
    public int Lanes(int elementSize) => Bits / 8 / elementSize;

    /// <summary>The vector type of <paramref name="element"/>, e.g. <c>Vector512&lt;float&gt;</c>.</summary>
    public string Of(string element) => TypeName + "<" + element + ">";
}
