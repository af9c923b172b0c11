using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using AttentionGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace AttentionGen.Generator.Parsing;

/// <summary>Turns the annotated class symbol and its attribute into a <see cref="KernelDeclaration"/> of plain values.</summary>
internal static class KernelDeclarationParser
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeMetadataName = "AttentionGen.AttentionKernelAttribute";

    public static KernelDeclaration Parse(INamedTypeSymbol kernelClass, AttributeData attribute, CancellationToken cancellationToken)
    {
        Dictionary<string, TypedConstant> values = NamedValues(attribute);
        (ElementKind element, string elementName) = ElementOf(values);
        return new KernelDeclaration(
            Host: ParseHost(kernelClass, cancellationToken),
            HeadDim: Int(values, "HeadDim"),
            SeqLen: Int(values, "SeqLen"),
            KeySeqLen: Int(values, "KeySeqLen"),
            ValueDim: Int(values, "ValueDim"),
            Heads: Int(values, "Heads"),
            KeyValueHeads: Int(values, "KeyValueHeads"),
            Score: Int(values, "Score"),
            Scale: Double(values, "Scale"),
            Softcap: Double(values, "Softcap"),
            Mask: Int(values, "Mask"),
            Layout: Int(values, "Layout"),
            HiddenDim: Int(values, "HiddenDim"),
            KeyDim: Int(values, "KeyDim"),
            LeftWindow: Int(values, "LeftWindow", NoWindow),
            RightWindow: Int(values, "RightWindow", NoWindow),
            Sinks: values.TryGetValue("Sinks", out TypedConstant sinks) && sinks.Value is true,
            AlibiMaxBias: Double(values, "AlibiMaxBias"),
            Element: element,
            ElementTypeName: elementName);
    }

    /// <summary>
    /// Whether <paramref name="node"/> is the first of the type's declarations to carry <paramref name="attributeType"/>:
    /// an attribute repeated on several partial declarations (itself an error, CS0579) still gives one generated file.
    /// </summary>
    public static bool IsFirstAttributedDeclaration(INamedTypeSymbol type, SyntaxNode node, INamedTypeSymbol? attributeType)
    {
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeType)
                && attribute.ApplicationSyntaxReference is { } reference)
            {
                return reference.SyntaxTree == node.SyntaxTree && node.Span.Contains(reference.Span);
            }
        }

        return true;
    }

    /// <summary>The annotated class and the types around it, as plain values.</summary>
    public static TypeHost ParseHost(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var containers = new List<ContainingType>();
        string? nonPartialContainer = null;
        string? genericType = type.TypeParameters.Length > 0 ? type.Name : null;
        string? fileLocalContainer = null;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            containers.Insert(0, new ContainingType(KeywordOf(outer), Identifier(outer.Name)));
            if (!IsPartial(outer, cancellationToken))
            {
                nonPartialContainer ??= outer.Name;
            }

            if (outer.TypeParameters.Length > 0)
            {
                genericType ??= outer.Name;
            }

            if (outer.IsFileLocal)
            {
                fileLocalContainer ??= outer.Name;
            }
        }

        string? unextendable = type switch
        {
            { IsRecord: true } => $"'{type.Name}' is a record; declare the kernel on a 'static partial class'",
            { IsFileLocal: true } => $"'{type.Name}' is file-local, and its generated part lives in another file; declare it 'internal' instead",
            _ when fileLocalContainer is not null => $"'{fileLocalContainer}', which contains '{type.Name}', is file-local, and the generated part lives in another file; declare it 'internal' instead",
            _ => null,
        };

        return new TypeHost(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? NamespaceOf(ns) : null,
            ContainingTypes: new EquatableArray<ContainingType>(containers.ToImmutableArray()),
            ClassName: Identifier(type.Name),
            HintName: HintNameOf(type),
            IsStaticPartial: type.IsStatic && IsPartial(type, cancellationToken),
            NonPartialContainer: nonPartialContainer,
            GenericType: genericType,
            Unextendable: unextendable,
            CollidingMember: CollidingMemberOf(type),
            HasBothAttributes: HasAttribute(type, AttributeMetadataName) && HasAttribute(type, LayerDeclarationParser.AttributeMetadataName));
    }

    private static bool HasAttribute(INamedTypeSymbol type, string metadataName)
        => type.GetAttributes().Any(a => a.AttributeClass?.ToDisplayString() == metadataName);

    /// <summary>
    /// The first member the user declared (outside AttentionGen's own generated files, which an analyzer also sees) with
    /// the name of a member the generator writes, or the class's own name if it is one: either would break the generated code.
    /// </summary>
    private static string? CollidingMemberOf(INamedTypeSymbol type)
    {
        if (GeneratedNames.Members.Contains(type.Name))
        {
            return type.Name;
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (GeneratedNames.Members.Contains(member.Name)
                && member.DeclaringSyntaxReferences.Any(reference => !IsGeneratedHere(reference.SyntaxTree)))
            {
                return member.Name;
            }
        }

        return null;
    }

    /// <summary>Whether a syntax tree is one this generator wrote (an analyzer's compilation holds them too).</summary>
    internal static bool IsGeneratedHere(SyntaxTree tree)
        => tree.FilePath.Replace('\\', '/').Contains("/" + typeof(AttentionKernelGenerator).FullName + "/");

    /// <summary>A name as C# source writes it: a keyword needs its <c>@</c>.</summary>
    public static string Identifier(string name)
        => SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    private static string NamespaceOf(INamespaceSymbol ns)
        => ns.ContainingNamespace is { IsGlobalNamespace: false } outer ? NamespaceOf(outer) + "." + Identifier(ns.Name) : Identifier(ns.Name);

    /// <summary>The attribute's named arguments that carry a value.</summary>
    public static Dictionary<string, TypedConstant> NamedValues(AttributeData attribute)
    {
        var values = new Dictionary<string, TypedConstant>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, TypedConstant> argument in attribute.NamedArguments)
        {
            if (argument.Value.Kind != TypedConstantKind.Error)
            {
                values[argument.Key] = argument.Value;
            }
        }

        return values;
    }

    /// <summary>A window side left unset: unbounded, the attribute's default.</summary>
    public const int NoWindow = -1;

    public static int Int(Dictionary<string, TypedConstant> values, string name, int unset = 0)
        => values.TryGetValue(name, out TypedConstant value) && value.Value is not null ? Convert.ToInt32(value.Value) : unset;

    public static double Double(Dictionary<string, TypedConstant> values, string name)
        => values.TryGetValue(name, out TypedConstant value) && value.Value is not null ? Convert.ToDouble(value.Value) : 0;

    public static (ElementKind Kind, string Name) ElementOf(Dictionary<string, TypedConstant> values)
    {
        if (!values.TryGetValue("ElementType", out TypedConstant value))
        {
            return (ElementKind.Single, "float");
        }

        if (value.Value is not ITypeSymbol type)
        {
            return (ElementKind.Unsupported, "null");
        }

        ElementKind kind = type.SpecialType switch
        {
            SpecialType.System_Single => ElementKind.Single,
            SpecialType.System_Double => ElementKind.Double,
            _ when type.ToDisplayString() == "System.Half" => ElementKind.Half,
            _ => ElementKind.Unsupported,
        };
        return (kind, type.ToDisplayString());
    }

    private static bool IsPartial(INamedTypeSymbol type, CancellationToken cancellationToken)
        => type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax(cancellationToken) is TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static string KeywordOf(INamedTypeSymbol type) => type switch
    {
        { IsRecord: true, TypeKind: TypeKind.Struct } => "record struct",
        { IsRecord: true } => "record",
        { TypeKind: TypeKind.Struct } => "struct",
        { TypeKind: TypeKind.Interface } => "interface",
        _ => "class",
    };

    /// <summary>
    /// <c>Namespace.Outer+Inner.1a2b3c4d.g.cs</c>: the fully qualified metadata name, with anything a file name may not hold
    /// replaced, and a hash of the exact name, so that names differing only in case (<c>N1.K</c>, <c>n1.K</c>) or in the
    /// replaced characters still get files of their own.
    /// </summary>
    private static string HintNameOf(INamedTypeSymbol type)
    {
        string name = type.MetadataName;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            name = outer.MetadataName + "+" + name;
        }

        if (type.ContainingNamespace is { IsGlobalNamespace: false } ns)
        {
            name = ns.ToDisplayString() + "." + name;
        }

        var readable = new StringBuilder(name.Length);
        foreach (char c in name)
        {
            readable.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '.' or '+' or '_' ? c : '_');
        }

        return readable + "." + StableHash(name).ToString("x8", CultureInfo.InvariantCulture) + ".g.cs";
    }

    /// <summary>FNV-1a over the name's characters: the same on every machine and run, unlike <see cref="string.GetHashCode()"/>.</summary>
    private static uint StableHash(string text)
    {
        uint hash = 2166136261;
        foreach (char c in text)
        {
            hash = (hash ^ c) * 16777619;
        }

        return hash;
    }
}
