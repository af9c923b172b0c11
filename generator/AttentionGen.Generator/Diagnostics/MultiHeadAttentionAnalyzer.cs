using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>Checks <c>[MultiHeadAttention]</c> declarations by <see cref="LayerValidator"/>'s rules, the generator's own.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class MultiHeadAttentionAnalyzer : DeclarationAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ClassMustBeStaticPartial,
        DiagnosticDescriptors.ContainingTypeMustBePartial,
        DiagnosticDescriptors.TypeMustNotBeGeneric,
        DiagnosticDescriptors.BothAttributes,
        DiagnosticDescriptors.TypeCannotBeExtended,
        DiagnosticDescriptors.MemberCollidesWithGenerated,
        DiagnosticDescriptors.ValueOutOfRange,
        DiagnosticDescriptors.UnsupportedElementType,
        DiagnosticDescriptors.ContradictoryOptions,
        DiagnosticDescriptors.HeadsMustDivideModelDim);

    private protected override string AttributeMetadataName => LayerDeclarationParser.AttributeMetadataName;

    private protected override IEnumerable<KernelProblem> Validate(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
        => LayerValidator.Validate(LayerDeclarationParser.Parse(type, attribute, cancellationToken));
}
