namespace AttentionGen.Generator;

/// <summary>Names of the pipeline steps, so tests can check that each is cached.</summary>
public static class TrackingNames
{
    /// <summary>Attribute and class parsed into plain values.</summary>
    public const string Declarations = nameof(Declarations);

    /// <summary>Valid declarations with their defaults resolved.</summary>
    public const string Specs = nameof(Specs);

    /// <summary>Multi-head attention layers parsed into plain values.</summary>
    public const string LayerDeclarations = nameof(LayerDeclarations);

    /// <summary>Valid layers with their defaults resolved.</summary>
    public const string LayerSpecs = nameof(LayerSpecs);
}
