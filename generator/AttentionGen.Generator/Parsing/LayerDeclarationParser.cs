using System.Collections.Generic;
using System.Threading;
using AttentionGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace AttentionGen.Generator.Parsing;

/// <summary>Turns a <c>[MultiHeadAttention]</c> class and its attribute into a <see cref="LayerDeclaration"/>.</summary>
internal static class LayerDeclarationParser
{
    /// <summary>The attribute's metadata name.</summary>
    public const string AttributeMetadataName = "AttentionGen.MultiHeadAttentionAttribute";

    public static LayerDeclaration Parse(INamedTypeSymbol layerClass, AttributeData attribute, CancellationToken cancellationToken)
    {
        Dictionary<string, TypedConstant> values = KernelDeclarationParser.NamedValues(attribute);
        (ElementKind element, string elementName) = KernelDeclarationParser.ElementOf(values);
        return new LayerDeclaration(
            Host: KernelDeclarationParser.ParseHost(layerClass, cancellationToken),
            ModelDim: KernelDeclarationParser.Int(values, "ModelDim"),
            Heads: KernelDeclarationParser.Int(values, "Heads"),
            SeqLen: KernelDeclarationParser.Int(values, "SeqLen"),
            KeySeqLen: KernelDeclarationParser.Int(values, "KeySeqLen"),
            Score: KernelDeclarationParser.Int(values, "Score"),
            Mask: KernelDeclarationParser.Int(values, "Mask"),
            LeftWindow: KernelDeclarationParser.Int(values, "LeftWindow", KernelDeclarationParser.NoWindow),
            RightWindow: KernelDeclarationParser.Int(values, "RightWindow", KernelDeclarationParser.NoWindow),
            AlibiMaxBias: KernelDeclarationParser.Double(values, "AlibiMaxBias"),
            Element: element,
            ElementTypeName: elementName);
    }
}
