using System;
using AttentionGen.Tests.Reference;

namespace AttentionGen.Tests.Kernels;

/// <summary>
/// One generated kernel's <c>Compute</c> with every run-time argument spelled out; a kernel ignores the mask arguments
/// it was not declared with. A non-empty <paramref name="logSumExp"/> calls <c>ComputeWithLogSumExp</c>; else an empty
/// <paramref name="weights"/> calls the overload without weights, the stage <see cref="AttentionScoreStage.Probabilities"/>
/// the overload with weights, any other stage the one with a stage.
/// </summary>
public delegate void KernelCall<T>(
    ReadOnlySpan<T> query, ReadOnlySpan<T> key, ReadOnlySpan<T> value, ReadOnlySpan<bool> mask, ReadOnlySpan<T> bias,
    int validKeys, int causalOffset, ReadOnlySpan<T> sinks, Span<T> output, Span<T> weights, AttentionScoreStage stage, Span<float> logSumExp);

/// <summary>A generated kernel, the problem it was declared for, and how to call it.</summary>
public abstract record KernelUnderTest(string Name, AttentionProblem Problem)
{
    /// <summary>Unit roundoff of the type the kernel computes in.</summary>
    public abstract double UnitRoundoff { get; }

    /// <summary>Relative error of storing a result in the element type: 0 when it is the compute type, 2⁻¹¹ for Half.</summary>
    public abstract double StorageRoundoff { get; }

    public override string ToString() => Name;
}

/// <summary>A kernel with element type <typeparamref name="T"/>.</summary>
public sealed record KernelUnderTest<T>(string Name, AttentionProblem Problem, KernelCall<T> Call) : KernelUnderTest(Name, Problem)
{
    public override double UnitRoundoff => typeof(T) == typeof(double) ? Math.Pow(2, -53) : Math.Pow(2, -24);

    public override double StorageRoundoff => typeof(T) == typeof(Half) ? Math.Pow(2, -11) : 0;

    public override string ToString() => Name;
}
