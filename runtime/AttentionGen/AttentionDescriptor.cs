using System;

namespace AttentionGen;

/// <summary>
/// The shape and options of an attention call on the generic path: the run-time twin of
/// <see cref="AttentionKernelAttribute"/>, with the same defaults (0 means "the default") and the same limits.
/// </summary>
public readonly record struct AttentionDescriptor
{
    private readonly int _keySeqLen;
    private readonly int _valueDim;
    private readonly int _heads;
    private readonly int _keyValueHeads;
    private readonly double _scale;
    private readonly int _keyDim;
    private readonly int _leftWindowPlusOne; // stored shifted, so that default(AttentionDescriptor) means −1 (unbounded)
    private readonly int _rightWindowPlusOne;

    /// <summary>Width <c>d</c> of query and key rows.</summary>
    public int HeadDim { get; init; }

    /// <summary>Query rows per head.</summary>
    public int SeqLen { get; init; }

    /// <summary>Key and value rows per head; defaults to <see cref="SeqLen"/>.</summary>
    public int KeySeqLen { get => _keySeqLen == 0 ? SeqLen : _keySeqLen; init => _keySeqLen = value; }

    /// <summary>Width of value and output rows; defaults to <see cref="HeadDim"/>.</summary>
    public int ValueDim { get => _valueDim == 0 ? HeadDim : _valueDim; init => _valueDim = value; }

    /// <summary>Hidden width of the additive score; only with <see cref="AttentionScore.Additive"/>.</summary>
    public int HiddenDim { get; init; }

    /// <summary>Width of key rows; defaults to <see cref="HeadDim"/>, and may differ only for the additive score.</summary>
    public int KeyDim { get => _keyDim == 0 ? HeadDim : _keyDim; init => _keyDim = value; }

    /// <summary>Query heads; defaults to 1.</summary>
    public int Heads { get => _heads == 0 ? 1 : _heads; init => _heads = value; }

    /// <summary>Key/value heads; defaults to <see cref="Heads"/>.</summary>
    public int KeyValueHeads { get => _keyValueHeads == 0 ? Heads : _keyValueHeads; init => _keyValueHeads = value; }

    /// <summary>The score function.</summary>
    public AttentionScore Score { get; init; }

    /// <summary>Multiplies the score; defaults to <c>1/sqrt(HeadDim)</c> for scaled dot-product, else 1.</summary>
    public double Scale
    {
        get => _scale != 0 ? _scale : Score == AttentionScore.ScaledDotProduct ? 1.0 / Math.Sqrt(HeadDim) : 1.0;
        init => _scale = value;
    }

    /// <summary><c>c &gt; 0</c> maps a score <c>s</c> to <c>c·tanh(s/c)</c> before any mask; 0 turns it off.</summary>
    public double Softcap { get; init; }

    /// <summary>The masks applied.</summary>
    public AttentionMask Mask { get; init; }

    /// <summary>How heads are laid out in the spans.</summary>
    public AttentionLayout Layout { get; init; }

    /// <summary>
    /// Sliding window: a query row at position <c>p = row + causalOffset</c> attends at most this many keys before its own
    /// position; −1 (the default) leaves that side unbounded.
    /// </summary>
    public int LeftWindow { get => _leftWindowPlusOne - 1; init => _leftWindowPlusOne = value + 1; }

    /// <summary>At most this many keys after the row's own position; −1 (the default) leaves that side unbounded.</summary>
    public int RightWindow { get => _rightWindowPlusOne - 1; init => _rightWindowPlusOne = value + 1; }

    /// <summary>Attention sinks: a run-time <c>sinks</c> argument, one logit per query head, joins each row's softmax denominator.</summary>
    public bool Sinks { get; init; }

    /// <summary>ALiBi's maximum bias: <c>−slope_h · |p − j|</c> joins each score after the softcap; 0 turns it off.</summary>
    public double AlibiMaxBias { get; init; }

    /// <summary>Head <paramref name="head"/>'s ALiBi slope (ggml's and BLOOM's formula), 0 without ALiBi.</summary>
    public double AlibiSlope(int head) => AlibiMaxBias > 0 ? AttentionGen.AlibiSlope.Of(Heads, AlibiMaxBias, head) : 0;

    /// <summary>Whether the rows sit at positions <c>row + causalOffset</c>: a causal mask, a window or ALiBi.</summary>
    public bool TakesPositions => (Mask & AttentionMask.Causal) != 0 || HasWindow || AlibiMaxBias > 0;

    /// <summary>Elements of <c>logSumExp</c>: <c>Heads · SeqLen</c>, one per output row, in the output's row order.</summary>
    public int LogSumExpLength => Heads * SeqLen;

    /// <summary>Whether a sliding window bounds either side.</summary>
    public bool HasWindow => LeftWindow >= 0 || RightWindow >= 0;

    /// <summary>Query heads that share one key/value head.</summary>
    public int GroupSize => Heads / KeyValueHeads;

    /// <summary>Elements of <c>query</c>: <c>Heads · SeqLen · HeadDim</c>.</summary>
    public int QueryLength => Heads * SeqLen * HeadDim;

    /// <summary>Elements of <c>key</c>: <c>KeyValueHeads · KeySeqLen · KeyDim</c>.</summary>
    public int KeyLength => KeyValueHeads * KeySeqLen * KeyDim;

    /// <summary>Elements of <c>value</c>: <c>KeyValueHeads · KeySeqLen · ValueDim</c>.</summary>
    public int ValueLength => KeyValueHeads * KeySeqLen * ValueDim;

    /// <summary>Elements of <c>output</c>: <c>Heads · SeqLen · ValueDim</c>.</summary>
    public int OutputLength => Heads * SeqLen * ValueDim;

    /// <summary>Elements of <c>weights</c>: <c>Heads · SeqLen · KeySeqLen</c>.</summary>
    public int WeightsLength => Heads * SeqLen * KeySeqLen;

    /// <summary>Throws an <see cref="ArgumentException"/> naming the first property out of range.</summary>
    public void Validate()
    {
        RequireRange(HeadDim, 1, AttentionLimits.MaxWidth, nameof(HeadDim));
        RequireRange(SeqLen, 1, AttentionLimits.MaxSeqLen, nameof(SeqLen));
        RequireRange(KeySeqLen, 1, AttentionLimits.MaxKeySeqLen, nameof(KeySeqLen));
        RequireRange(ValueDim, 1, AttentionLimits.MaxWidth, nameof(ValueDim));
        RequireRange(Heads, 1, AttentionLimits.MaxHeads, nameof(Heads));
        RequireRange(KeyValueHeads, 1, AttentionLimits.MaxHeads, nameof(KeyValueHeads));
        RequireRange(KeyDim, 1, AttentionLimits.MaxWidth, nameof(KeyDim));
        if (Score == AttentionScore.Additive)
        {
            RequireRange(HiddenDim, 1, AttentionLimits.MaxWidth, nameof(HiddenDim));
            if ((long)KeySeqLen * HiddenDim > AttentionLimits.MaxProjectedKeys)
            {
                throw new ArgumentException(
                    $"KeySeqLen · HiddenDim = {(long)KeySeqLen * HiddenDim} is more than the {AttentionLimits.MaxProjectedKeys} projected key elements a call keeps.", nameof(HiddenDim));
            }
        }
        else if (HiddenDim != 0 || KeyDim != HeadDim)
        {
            throw new ArgumentException("HiddenDim and a KeyDim other than HeadDim need Score = Additive.", HiddenDim != 0 ? nameof(HiddenDim) : nameof(KeyDim));
        }
        if (Heads % KeyValueHeads != 0)
        {
            throw new ArgumentException(
                $"Heads = {Heads} must be a multiple of KeyValueHeads = {KeyValueHeads}.", nameof(KeyValueHeads));
        }

        if (!double.IsFinite(Scale) || Scale <= 0)
        {
            throw new ArgumentException($"Scale must be a finite number > 0 (or 0 for the default), but it is {Scale}.", nameof(Scale));
        }

        if (!double.IsFinite(Softcap) || Softcap < 0)
        {
            throw new ArgumentException($"Softcap must be a finite number ≥ 0 (0 = off), but it is {Softcap}.", nameof(Softcap));
        }

        if (!double.IsFinite(AlibiMaxBias) || AlibiMaxBias < 0)
        {
            throw new ArgumentException($"AlibiMaxBias must be a finite number ≥ 0 (0 = off), but it is {AlibiMaxBias}.", nameof(AlibiMaxBias));
        }

        if (AlibiMaxBias > 0 && Score == AttentionScore.Additive)
        {
            throw new ArgumentException("AlibiMaxBias cannot be combined with Score = Additive.", nameof(AlibiMaxBias));
        }

        RequireRange(LeftWindow, -1, int.MaxValue - 1, nameof(LeftWindow));
        RequireRange(RightWindow, -1, int.MaxValue - 1, nameof(RightWindow));

        long largest = Math.Max(
            Math.Max((long)Heads * SeqLen * Math.Max(HeadDim, ValueDim), (long)Heads * SeqLen * KeySeqLen),
            (long)KeyValueHeads * KeySeqLen * Math.Max(HeadDim, ValueDim));
        if (largest > AttentionLimits.MaxSpanLength)
        {
            throw new ArgumentException($"The shape needs spans of {largest} elements; at most {AttentionLimits.MaxSpanLength} are allowed.");
        }
    }

    private static void RequireRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ArgumentException($"{name} must be between {min} and {max}, but it is {value}.", name);
        }
    }
}
