using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>Reports validation problems, each on the attribute argument at fault, else the attribute, else the class name.</summary>
internal static class ProblemReporter
{
    /// <summary>The attribute of <paramref name="attributeType"/> on <paramref name="type"/>, if it has one.</summary>
    public static AttributeData? FindAttribute(INamedTypeSymbol type, INamedTypeSymbol attributeType)
        => type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    public static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute, IEnumerable<KernelProblem> problems)
    {
        foreach (KernelProblem problem in problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(problem.Rule, LocationOf(problem, type, attribute, context), problem.Arguments));
        }
    }

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
