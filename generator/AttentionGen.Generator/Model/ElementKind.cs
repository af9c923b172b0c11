namespace AttentionGen.Generator.Model;

/// <summary>The element types a kernel can be declared for.</summary>
internal enum ElementKind
{
    /// <summary>Not a supported element type.</summary>
    Unsupported,

    /// <summary><see cref="float"/>.</summary>
    Single,

    /// <summary><see cref="double"/>.</summary>
    Double,

    /// <summary><c>System.Half</c>: stored as Half, computed in float.</summary>
    Half,
}
