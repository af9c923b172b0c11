namespace AttentionGen.Generator.Diagnostics;

/// <summary>The keys of what a diagnostic carries for its code fix, so the fix need not parse the message.</summary>
internal static class DiagnosticProperties
{
    /// <summary>The attribute property the diagnostic is on.</summary>
    public const string Property = nameof(Property);

    /// <summary>Values of that property that would make the declaration valid, nearest first, comma-separated.</summary>
    public const string Replacements = nameof(Replacements);

    /// <summary>The parameters whose arguments should be named, in order, comma-separated.</summary>
    public const string Parameters = nameof(Parameters);
}
