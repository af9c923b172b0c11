using System;
using System.ComponentModel;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace AttentionGen.Kernels;

/// <summary>Argument checks shared by the generated kernels and the generic path, so both fail the same way.</summary>
/// <remarks>Every check runs before a kernel writes anything; the throwing halves stay out of line.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class KernelGuard
{
    /// <summary>Throws unless <paramref name="span"/> has exactly <paramref name="expected"/> elements.</summary>
    /// <param name="span">The span to check.</param>
    /// <param name="expected">The length the kernel's shape requires.</param>
    /// <param name="shape">The shape, e.g. <c>[Heads=2, SeqLen=4, HeadDim=8]</c>, for the message.</param>
    /// <param name="parameterName">The parameter the span was passed as.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireLength<T>(ReadOnlySpan<T> span, int expected, string shape, string parameterName)
    {
        if (span.Length != expected)
        {
            ThrowWrongLength(parameterName, expected, span.Length, shape);
        }
    }

    /// <summary>
    /// Throws unless <paramref name="span"/> has exactly <paramref name="expected"/> elements; the shape
    /// <c>[heads, rows, width]</c> is formatted only for the message, so a passing check allocates nothing.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireLength<T>(ReadOnlySpan<T> span, int expected, int heads, int rows, int width, string parameterName)
    {
        if (span.Length != expected)
        {
            ThrowWrongLength(parameterName, expected, span.Length, $"[{heads}, {rows}, {width}]");
        }
    }

    /// <summary>Throws unless <paramref name="span"/> has at least <paramref name="minimum"/> elements (working memory).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireMinimumLength<T>(ReadOnlySpan<T> span, int minimum, string parameterName)
    {
        if (span.Length < minimum)
        {
            throw new ArgumentException(
                $"'{parameterName}' must have at least {minimum} elements, but it has {span.Length}.", parameterName);
        }
    }

    /// <summary>
    /// Throws unless a mask or bias span holds one <c>[SeqLen, KeySeqLen]</c> matrix shared by every head or one per head,
    /// <c>[Heads, SeqLen, KeySeqLen]</c>; returns the distance between heads' matrices (0 when shared).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RequireMaskLength<T>(ReadOnlySpan<T> span, int matrixLength, int heads, string parameterName)
        => RequireMaskLength(span.Length, matrixLength, heads, parameterName);

    /// <inheritdoc cref="RequireMaskLength{T}(ReadOnlySpan{T}, int, int, string)"/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int RequireMaskLength(int length, int matrixLength, int heads, string parameterName)
    {
        if (length == matrixLength)
        {
            return 0;
        }

        if (length != (long)matrixLength * heads)
        {
            ThrowWrongMaskLength(parameterName, matrixLength, heads, length);
        }

        return matrixLength;
    }

    /// <summary>Throws if a run-time mask input is given to a kernel whose descriptor does not declare that mask.</summary>
    public static void RequireAbsent<T>(ReadOnlySpan<T> span, string parameterName, string mask)
    {
        if (!span.IsEmpty)
        {
            throw new ArgumentException(
                $"'{parameterName}' was given, but the descriptor's Mask does not include {mask}: it would be ignored.", parameterName);
        }
    }

    /// <summary>Throws if an output span shares memory with an input span.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireDisjoint<T>(ReadOnlySpan<T> output, ReadOnlySpan<T> input, string outputName, string inputName)
    {
        if (output.Overlaps(input))
        {
            ThrowOverlap(outputName, inputName);
        }
    }

    /// <summary>Throws unless <c>0 ≤ <paramref name="validKeys"/> ≤ <paramref name="keySeqLen"/></c>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireValidKeys(int validKeys, int keySeqLen, string parameterName)
    {
        if ((uint)validKeys > (uint)keySeqLen)
        {
            ThrowValidKeys(parameterName, validKeys, keySeqLen);
        }
    }

    /// <summary>Throws if a run-time mask argument other than its default is given where the descriptor lacks the mask.</summary>
    public static void RequireDefault(int value, int defaultValue, string parameterName, string mask)
    {
        if (value != defaultValue)
        {
            throw new ArgumentException(
                $"'{parameterName}' = {value} was given, but the descriptor's Mask does not include {mask}: it would be ignored.", parameterName);
        }
    }

    /// <summary>Throws unless <paramref name="stage"/> is one of <see cref="AttentionScoreStage"/>'s values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void RequireDefined(AttentionScoreStage stage, string parameterName)
    {
        if ((uint)stage > (uint)AttentionScoreStage.Probabilities)
        {
            ThrowUndefinedStage(parameterName, stage);
        }
    }

    [DoesNotReturn]
    private static void ThrowUndefinedStage(string parameterName, AttentionScoreStage stage)
        => throw new ArgumentOutOfRangeException(
            parameterName, stage, $"'{parameterName}' must be Scaled, Softcapped, Biased or Probabilities (0 to 3), but it is {(int)stage}.");

    [DoesNotReturn]
    private static void ThrowWrongLength(string parameterName, int expected, int actual, string shape)
        => throw new ArgumentException(
            $"'{parameterName}' must have exactly {expected} elements ({shape}), but it has {actual}.", parameterName);

    [DoesNotReturn]
    private static void ThrowWrongMaskLength(string parameterName, int matrixLength, int heads, int actual)
        => throw new ArgumentException(
            $"'{parameterName}' must have exactly {matrixLength} elements ([SeqLen, KeySeqLen], shared by all heads) or "
            + $"{(long)matrixLength * heads} ([Heads, SeqLen, KeySeqLen]), but it has {actual}.", parameterName);

    [DoesNotReturn]
    private static void ThrowOverlap(string outputName, string inputName)
        => throw new ArgumentException(
            $"'{outputName}' overlaps '{inputName}': outputs must not share memory with inputs or with each other.", outputName);

    [DoesNotReturn]
    private static void ThrowValidKeys(string parameterName, int actual, int keySeqLen)
        => throw new ArgumentOutOfRangeException(
            parameterName, actual, $"'{parameterName}' must be between 0 and KeySeqLen = {keySeqLen}, but it is {actual}.");
}
