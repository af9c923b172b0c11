using System.Collections.Immutable;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// Reports every reason an <c>[AttentionKernel]</c> declaration gets no generated code. The rules are
/// <see cref="KernelValidator"/>'s, the same the generator applies.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class AttentionKernelAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.ClassMustBeStaticPartial,
        DiagnosticDescriptors.ContainingTypeMustBePartial,
        DiagnosticDescriptors.TypeMustNotBeGeneric,
        DiagnosticDescriptors.ValueOutOfRange,
        DiagnosticDescriptors.KeyValueHeadsMustDivideHeads,
        DiagnosticDescriptors.UnsupportedElementType,
        DiagnosticDescriptors.ContradictoryOptions);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? attributeType = start.Compilation.GetTypeByMetadataName(KernelDeclarationParser.AttributeMetadataName);
            if (attributeType is not null)
            {
                start.RegisterSymbolAction(symbol => Analyze(symbol, attributeType), SymbolKind.NamedType);
            }
        });
    }

    private static void Analyze(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        if (ProblemReporter.FindAttribute(type, attributeType) is { } attribute)
        {
            KernelDeclaration declaration = KernelDeclarationParser.Parse(type, attribute, context.CancellationToken);
            ProblemReporter.Report(context, type, attribute, KernelValidator.Validate(declaration));
        }
    }
}
