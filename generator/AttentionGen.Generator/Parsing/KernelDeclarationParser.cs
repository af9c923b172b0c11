using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
            Element: element,
            ElementTypeName: elementName);
    }

    /// <summary>The annotated class and the types around it, as plain values.</summary>
    public static TypeHost ParseHost(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var containers = new List<ContainingType>();
        string? nonPartialContainer = null;
        string? genericType = type.TypeParameters.Length > 0 ? type.Name : null;
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            cancellationToken.ThrowIfCancellationRequested();
            containers.Insert(0, new ContainingType(KeywordOf(outer), outer.Name));
            if (!IsPartial(outer, cancellationToken))
            {
                nonPartialContainer ??= outer.Name;
            }

            if (outer.TypeParameters.Length > 0)
            {
                genericType ??= outer.Name;
            }
        }

        return new TypeHost(
            Namespace: type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            ContainingTypes: new EquatableArray<ContainingType>(containers.ToImmutableArray()),
            ClassName: type.Name,
            HintName: HintNameOf(type),
            IsStaticPartial: type.IsStatic && IsPartial(type, cancellationToken),
            NonPartialContainer: nonPartialContainer,
            GenericType: genericType);
    }

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

    public static int Int(Dictionary<string, TypedConstant> values, string name)
        => values.TryGetValue(name, out TypedConstant value) && value.Value is not null ? Convert.ToInt32(value.Value) : 0;

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

    /// <summary><c>Namespace.Outer+Inner.g.cs</c>: the fully qualified metadata name, unique per kernel class.</summary>
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

        return name.Replace('`', '_') + ".g.cs";
    }
}
