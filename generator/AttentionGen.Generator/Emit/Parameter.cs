using System.Collections.Generic;
using System.Linq;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

/// <summary>What a parameter carries; the entry points pick their parameters by role.</summary>
internal enum ParameterRole
{
    Input,
    Mask,
    CausalOffset,
    ScoreInput,
    Sinks,
    Output,
    Weights,
    Stage,

    /// <summary>A parameter of an implementation method, passed along inside the kernel.</summary>
    Internal,
}

/// <summary>
/// One parameter of a generated method, modelled once and rendered both as a declaration (the user's part of the file
/// qualifies every type; the implementation imports the namespaces) and as an argument.
/// </summary>
internal sealed record Parameter(string Type, string QualifiedType, string Name, ParameterRole Role)
{
    public string Declaration(bool qualified) => $"{(qualified ? QualifiedType : Type)} {Name}";

    /// <summary>The parameter passed on under its own name: <c>ref name</c> for a by-reference parameter.</summary>
    public string Argument => Type.StartsWith("ref ", System.StringComparison.Ordinal) ? "ref " + Name : Name;

    /// <summary>A parameter of an implementation method, whose type is written the same in both parts.</summary>
    public static Parameter Internal(string type, string name) => new(type, type, name, ParameterRole.Internal);
}

/// <summary>The parameter lists of a kernel's methods, in api.md's order.</summary>
internal static class KernelParameters
{
    /// <summary>
    /// Every input, in api.md's order: query, key, value, the run-time masks, <c>causalOffset</c> (when
    /// <paramref name="withOffset"/>), the additive score's projections, the sinks.
    /// </summary>
    public static List<Parameter> Inputs(KernelSpec spec, bool withOffset)
    {
        var parameters = new List<Parameter>
        {
            ReadOnlySpan(spec, "query", ParameterRole.Input),
            ReadOnlySpan(spec, "key", ParameterRole.Input),
            ReadOnlySpan(spec, "value", ParameterRole.Input),
        };
        parameters.AddRange(Masks(spec));
        if (withOffset)
        {
            parameters.Add(new Parameter("int", "int", "causalOffset", ParameterRole.CausalOffset));
        }

        if (spec.IsAdditive)
        {
            parameters.Add(ReadOnlySpan(spec, "queryProjection", ParameterRole.ScoreInput));
            parameters.Add(ReadOnlySpan(spec, "keyProjection", ParameterRole.ScoreInput));
            parameters.Add(ReadOnlySpan(spec, "scoreVector", ParameterRole.ScoreInput));
        }

        if (spec.Sinks)
        {
            parameters.Add(ReadOnlySpan(spec, "sinks", ParameterRole.Sinks));
        }

        return parameters;
    }

    /// <summary>The run-time mask inputs the declared masks need: <c>mask</c>, <c>bias</c>, <c>validKeys</c>.</summary>
    public static IEnumerable<Parameter> Masks(KernelSpec spec)
    {
        if (spec.HasBooleanMask)
        {
            yield return new Parameter("ReadOnlySpan<bool>", "global::System.ReadOnlySpan<bool>", "mask", ParameterRole.Mask);
        }

        if (spec.HasBias)
        {
            yield return ReadOnlySpan(spec, "bias", ParameterRole.Mask);
        }

        if (spec.HasKeyPadding)
        {
            yield return new Parameter("int", "int", "validKeys", ParameterRole.Mask);
        }
    }

    public static Parameter Output(KernelSpec spec) => Span(spec, "output", ParameterRole.Output);

    public static Parameter Weights(KernelSpec spec) => Span(spec, "weights", ParameterRole.Weights);

    public static readonly Parameter Stage =
        new("AttentionScoreStage", "global::AttentionGen.AttentionScoreStage", "stage", ParameterRole.Stage);

    public static Parameter ReadOnlySpan(KernelSpec spec, string name, ParameterRole role)
        => new($"ReadOnlySpan<{spec.ElementName}>", $"global::System.ReadOnlySpan<{spec.QualifiedElementName}>", name, role);

    public static Parameter Span(KernelSpec spec, string name, ParameterRole role)
        => new($"Span<{spec.ElementName}>", $"global::System.Span<{spec.QualifiedElementName}>", name, role);

    /// <summary>The declarations, one per parameter, for a signature.</summary>
    public static List<string> Declarations(this IEnumerable<Parameter> parameters, bool qualified)
        => parameters.Select(parameter => parameter.Declaration(qualified)).ToList();

    /// <summary>The names, as the arguments of a call that forwards the same parameters.</summary>
    public static string Arguments(this IEnumerable<Parameter> parameters)
        => string.Join(", ", parameters.Select(parameter => parameter.Argument));

    /// <summary>The arguments of a call: each parameter's own name, but where <paramref name="given"/> names another expression.</summary>
    public static List<string> ArgumentsWith(this IEnumerable<Parameter> parameters, IReadOnlyDictionary<string, string> given)
        => parameters.Select(parameter => given.TryGetValue(parameter.Name, out string? argument) ? argument : parameter.Argument).ToList();
}
