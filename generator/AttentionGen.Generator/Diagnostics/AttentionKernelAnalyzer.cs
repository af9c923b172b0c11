using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>Checks <c>[AttentionKernel]</c> declarations by <see cref="KernelValidator"/>'s rules, the generator's own.</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttentionKernelAnalyzer : DeclarationAnalyzer
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
        DiagnosticDescriptors.KeyValueHeadsMustDivideHeads,
        DiagnosticDescriptors.UnsupportedElementType,
        DiagnosticDescriptors.ContradictoryOptions);

    private protected override string AttributeMetadataName => KernelDeclarationParser.AttributeMetadataName;

    private protected override IEnumerable<KernelProblem> Validate(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
        => KernelValidator.Validate(KernelDeclarationParser.Parse(type, attribute, cancellationToken));
}
