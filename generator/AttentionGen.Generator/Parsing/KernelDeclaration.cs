using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Parsing;

/// <summary>
/// An <c>[AttentionKernel]</c> declaration as written: the attribute's values before defaults are applied, and the facts
/// about the annotated class that decide whether code can be generated for it. Plain values only, so it is cached by
/// the incremental pipeline and checked by the analyzer with the same rules.
/// </summary>
internal sealed record KernelDeclaration(
    TypeHost Host,
    int HeadDim,
    int SeqLen,
    int KeySeqLen,
    int ValueDim,
    int Heads,
    int KeyValueHeads,
    int Score,
    double Scale,
    double Softcap,
    int Mask,
    int Layout,
    int HiddenDim,
    int KeyDim,
    int LeftWindow,
    int RightWindow,
    bool Sinks,
    double AlibiMaxBias,
    ElementKind Element,
    string ElementTypeName);
