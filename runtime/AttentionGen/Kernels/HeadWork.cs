using System;
using System.ComponentModel;

namespace AttentionGen.Kernels;

/// <summary>Computes query heads <c>firstHead … endHead − 1</c> of one call.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public delegate void HeadRange<T>(in PinnedArguments<T> arguments, int firstHead, int endHead)
    where T : unmanaged;

/// <summary>
/// A generated kernel's heads, shared out across cores: the kernel keeps one instance (made once, with a static lambda),
/// and each call pins its spans, hands contiguous ranges of heads to <see cref="HeadWorkers"/>, and works on the first
/// range itself. Nothing is allocated per call.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public sealed class HeadWork<T> : HeadWorkers.Job
    where T : unmanaged
{
    private readonly HeadRange<T> _heads;
    private readonly int _headCount;
    private PinnedArguments<T> _arguments; // written only while this call holds the workers

    /// <param name="heads">Computes a range of heads from checked arguments.</param>
    /// <param name="headCount">Query heads per call.</param>
    public HeadWork(HeadRange<T> heads, int headCount) => (_heads, _headCount) = (heads, headCount);

    /// <summary>Computes every head, spread over the cores; arguments have already passed the kernel's checks.</summary>
    public unsafe void Run(
        ReadOnlySpan<T> query, ReadOnlySpan<T> key, ReadOnlySpan<T> value, Span<T> output,
        ReadOnlySpan<bool> mask = default, ReadOnlySpan<T> bias = default, int validKeys = 0, int causalOffset = 0,
        ReadOnlySpan<T> queryProjection = default, ReadOnlySpan<T> keyProjection = default, ReadOnlySpan<T> scoreVector = default,
        ReadOnlySpan<T> sinks = default)
    {
        fixed (T* q = query, k = key, v = value, o = output, b = bias, wq = queryProjection, wk = keyProjection, w = scoreVector, s = sinks)
        fixed (bool* m = mask)
        {
            var arguments = new PinnedArguments<T>(
                q, query.Length, k, key.Length, v, value.Length, m, mask.Length, b, bias.Length,
                wq, queryProjection.Length, wk, keyProjection.Length, w, scoreVector.Length, s, sinks.Length, o, output.Length, validKeys, causalOffset);
            if (!HeadWorkers.TryAcquire(_headCount, out int parts))
            {
                // One core, or another call holds the workers: this thread computes every head.
                _heads(in arguments, 0, _headCount);
                return;
            }

            _arguments = arguments;
            HeadWorkers.RunAndRelease(this, parts);
        }
    }

    /// <summary>Computes part <paramref name="part"/> of <paramref name="parts"/>: a contiguous range of heads.</summary>
    internal override void RunPart(int part, int parts)
        => _heads(in _arguments, part * _headCount / parts, (part + 1) * _headCount / parts);
}
