using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using AttentionGen.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>
/// Reports validation problems, each where the user must make the change: the attribute argument at fault (the attribute
/// when the argument is missing), the name of the containing type or member at fault, else the class name.
/// </summary>
internal static class ProblemReporter
{
    /// <summary>The attribute of <paramref name="attributeType"/> on <paramref name="type"/>, if it has one.</summary>
    public static AttributeData? FindAttribute(INamedTypeSymbol type, INamedTypeSymbol attributeType)
        => type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, attributeType));

    public static void Report(SymbolAnalysisContext context, INamedTypeSymbol type, AttributeData attribute, IEnumerable<KernelProblem> problems)
    {
        foreach (KernelProblem problem in problems)
        {
            context.ReportDiagnostic(Diagnostic.Create(problem.Rule, LocationOf(problem, type, attribute, context), PropertiesOf(problem), problem.Arguments));
        }
    }

    /// <summary>What a code fix needs: the property at fault and the values that would repair it, when there are such.</summary>
    private static ImmutableDictionary<string, string?>? PropertiesOf(KernelProblem problem)
        => problem.Replacements is null ? null : ImmutableDictionary<string, string?>.Empty
            .Add(DiagnosticProperties.Property, problem.Property)
            .Add(DiagnosticProperties.Replacements, problem.Replacements);

    private static Location LocationOf(KernelProblem problem, INamedTypeSymbol type, AttributeData attribute, SymbolAnalysisContext context)
    {
        if (problem.Property is not null && attribute.ApplicationSyntaxReference?.GetSyntax(context.CancellationToken) is AttributeSyntax syntax)
        {
            AttributeArgumentSyntax? argument = syntax.ArgumentList?.Arguments
                .FirstOrDefault(a => a.NameEquals?.Name.Identifier.ValueText == problem.Property);
            return (argument ?? (SyntaxNode)syntax).GetLocation();
        }

        Location classLocation = type.Locations.FirstOrDefault() ?? Location.None;
        return problem.Site is null ? classLocation : SiteLocation(type, problem.Site, classLocation);
    }

    /// <summary>The type the user must change: a type around the class named by the problem's site, else the class.</summary>
    public static INamedTypeSymbol TypeToChange(KernelProblem problem, INamedTypeSymbol type)
        => problem.Site is null ? type : ContainingTypeNamed(type, problem.Site) ?? type;

    private static INamedTypeSymbol? ContainingTypeNamed(INamedTypeSymbol type, string name)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.Name == name)
            {
                return outer;
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="site"/> is named: a type around the class (its declaration in the class's file), or a member of it.</summary>
    private static Location SiteLocation(INamedTypeSymbol type, string site, Location classLocation)
    {
        if (ContainingTypeNamed(type, site) is { } outer)
        {
            return outer.Locations.FirstOrDefault(location => location.SourceTree == classLocation.SourceTree) ?? classLocation;
        }

        return type.GetMembers(site)
            .SelectMany(member => member.Locations)
            .FirstOrDefault(location => location.SourceTree is { } tree && !KernelDeclarationParser.IsGeneratedHere(tree)) ?? classLocation;
    }
}
