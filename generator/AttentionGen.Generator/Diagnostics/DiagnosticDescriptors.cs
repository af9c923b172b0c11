using Microsoft.CodeAnalysis;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>Every diagnostic AttentionGen reports; each is documented in docs/diagnostics.md.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "AttentionGen";

    /// <summary>
    /// Where the diagnostics are explained: the page shipped inside the package (the project has no public web address to
    /// link to, and a help link to an invented one would mislead).
    /// </summary>
    private const string Description = "Every ATTN diagnostic, with its cause and fix, is described in docs/diagnostics.md inside the AttentionGen package.";

    public static readonly DiagnosticDescriptor ClassMustBeStaticPartial = Error(
        "ATTN0001",
        "An attention kernel class must be 'static partial'",
        "The class '{0}' must be declared 'static partial' so that AttentionGen can add its kernel");

    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Error(
        "ATTN0002",
        "A type containing an attention kernel must be partial",
        "'{0}' contains the attention kernel class '{1}' and must be declared 'partial'");

    public static readonly DiagnosticDescriptor TypeMustNotBeGeneric = Error(
        "ATTN0003",
        "An attention kernel class and the types containing it must not be generic",
        "'{0}' is generic; an attention kernel class and the types containing it must not be generic");

    public static readonly DiagnosticDescriptor ValueOutOfRange = Error(
        "ATTN0004",
        "An attention kernel property is out of range",
        "{0} = {1} is out of range; allowed: {2}");

    public static readonly DiagnosticDescriptor KeyValueHeadsMustDivideHeads = Error(
        "ATTN0005",
        "KeyValueHeads must divide Heads",
        "KeyValueHeads = {0} does not divide Heads = {1}; allowed: {2}");

    public static readonly DiagnosticDescriptor UnsupportedElementType = Error(
        "ATTN0006",
        "Unsupported element type",
        "ElementType = {0} is not supported; allowed: {1}");

    public static readonly DiagnosticDescriptor ContradictoryOptions = Error(
        "ATTN0007",
        "Attention kernel options contradict each other",
        "{0} = {1} contradicts {2}; allowed: {3}");

    public static readonly DiagnosticDescriptor HeadsMustDivideModelDim = Error(
        "ATTN0009",
        "Heads must divide ModelDim",
        "Heads = {0} does not divide ModelDim = {1}; allowed: {2}");

    public static readonly DiagnosticDescriptor BothAttributes = Error(
        "ATTN0010",
        "A class cannot be both an attention kernel and a multi-head attention layer",
        "'{0}' has both [AttentionKernel] and [MultiHeadAttention]; allowed: one of them per class (declare the kernel and the layer in two classes)");

    public static readonly DiagnosticDescriptor TypeCannotBeExtended = Error(
        "ATTN0011",
        "AttentionGen cannot add its generated part to this type",
        "{0}");

    public static readonly DiagnosticDescriptor MemberCollidesWithGenerated = Error(
        "ATTN0012",
        "A member has the name of a generated member",
        "'{0}' in '{1}' has the name of a member AttentionGen generates there; rename it (or, for the class itself, rename the class)");

    public static readonly DiagnosticDescriptor SameTypedArgumentsByPosition = new(
        "ATTN0013",
        "Arguments of one type passed by position",
        "The arguments for {0} are passed by position to parameters of one type, where a swap compiles and runs; name them",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: Description);

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, description: Description);
}
