using AttentionGen.Generator.Diagnostics;
using AttentionGen.Generator.Parsing;

namespace AttentionGen.Generator.Model;

/// <summary>A valid <c>[MultiHeadAttention]</c> layer with defaults resolved: the layer emitter's only input.</summary>
/// <param name="Host">The annotated class.</param>
/// <param name="ModelDim">The model width <c>E</c>.</param>
/// <param name="Heads">The per-head attention kernel (interleaved layout, <c>HeadDim = E / Heads</c>).</param>
internal sealed record LayerSpec(TypeHost Host, int ModelDim, KernelSpec Heads)
{
    /// <summary>The name of the nested class holding the per-head kernel.</summary>
    public const string HeadsClassName = "AttentionHeads";

    public static LayerSpec From(LayerDeclaration d)
        => new(d.Host, d.ModelDim, KernelSpec.From(LayerValidator.HeadsDeclaration(d)));
}
