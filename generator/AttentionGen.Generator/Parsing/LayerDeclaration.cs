using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Parsing;

/// <summary>A <c>[MultiHeadAttention]</c> declaration as written, before defaults: plain values, checked by <c>LayerValidator</c>.</summary>
internal sealed record LayerDeclaration(
    TypeHost Host,
    int ModelDim,
    int Heads,
    int SeqLen,
    int KeySeqLen,
    int Score,
    int Mask,
    int LeftWindow,
    int RightWindow,
    double AlibiMaxBias,
    ElementKind Element,
    string ElementTypeName);
