using System.Collections.Immutable;
using System.Linq;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// Reports every reason an <c>[AttentionKernel]</c> declaration gets no generated code, on the property at fault where
/// there is one. The rules are <see cref="KernelValidator"/>'s, the same the generator applies.
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
        DiagnosticDescriptors.ContradictoryOptions,
        DiagnosticDescriptors.OptionNotYetSupported);

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
                start.RegisterSymbolAction(symbol => AnalyzeType(symbol, attributeType), SymbolKind.NamedType);
            }
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol attributeType)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        AttributeData? attribute = type.GetAttributes()
            .FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));
        if (attribute is null)
        {
            return;
        }

        KernelDeclaration declaration = KernelDeclarationParser.Parse(type, attribute, context.CancellationToken);
        foreach (KernelProblem problem in KernelValidator.Validate(declaration))
        {
            context.ReportDiagnostic(Diagnostic.Create(problem.Rule, LocationOf(problem, type, attribute, context), problem.Arguments));
        }
    }

    /// <summary>The named argument at fault, else the attribute, else the class name.</summary>
    private static Location LocationOf(KernelProblem problem, INamedTypeSymbol type, AttributeData attribute, SymbolAnalysisContext context)
    {
        if (problem.Property is not null && attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax syntax)
        {
            AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == problem.Property);
            return (argument ?? (SyntaxNode)syntax).GetLocation();
        }

        return type.Locations.FirstOrDefault() ?? Location.None;
    }
}
