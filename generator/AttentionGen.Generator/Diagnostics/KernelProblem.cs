using Microsoft.CodeAnalysis;

namespace AttentionGen.Generator.Diagnostics;

/// <summary>One reason a declaration gets no generated code.</summary>
/// <param name="Rule">The diagnostic to report.</param>
/// <param name="Property">The attribute property at fault, to place the diagnostic on; null for the class itself.</param>
/// <param name="Arguments">The message arguments.</param>
internal sealed record KernelProblem(DiagnosticDescriptor Rule, string? Property, params object[] Arguments)
{
    /// <summary>
    /// A type around the class, or a member of it, by name, when that (not the class) is what the user must change: the
    /// diagnostic goes on its name.
    /// </summary>
    public string? Site { get; init; }

    /// <summary>
    /// Values of <see cref="Property"/> that would make the declaration valid, nearest first, comma-separated, when the
    /// repair is that obvious; a code fix offers each.
    /// </summary>
    public string? Replacements { get; init; }
}
