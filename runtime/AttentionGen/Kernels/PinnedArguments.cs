using System;
using System.ComponentModel;

namespace AttentionGen.Kernels;

/// <summary>
/// One call's spans, pinned for as long as the call lasts, so that the threads sharing its heads can see them (a span
/// cannot leave its thread). Only <see cref="HeadWork{T}"/> creates one, and only inside the <c>fixed</c> scope it waits in.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly unsafe struct PinnedArguments<T>
    where T : unmanaged
{
    private readonly T* _query, _key, _value, _bias, _queryProjection, _keyProjection, _scoreVector, _sinks, _output;
    private readonly bool* _mask;
    private readonly int _queryLength, _keyLength, _valueLength, _biasLength, _queryProjectionLength, _keyProjectionLength, _scoreVectorLength, _sinksLength,
        _outputLength, _maskLength;

    internal PinnedArguments(
        T* query, int queryLength, T* key, int keyLength, T* value, int valueLength, bool* mask, int maskLength, T* bias, int biasLength,
        T* queryProjection, int queryProjectionLength, T* keyProjection, int keyProjectionLength, T* scoreVector, int scoreVectorLength,
        T* sinks, int sinksLength, T* output, int outputLength, int validKeys, int causalOffset)
    {
        _sinks = sinks;
        _sinksLength = sinksLength;
        _query = query;
        _queryLength = queryLength;
        _key = key;
        _keyLength = keyLength;
        _value = value;
        _valueLength = valueLength;
        _mask = mask;
        _maskLength = maskLength;
        _bias = bias;
        _biasLength = biasLength;
        _queryProjection = queryProjection;
        _queryProjectionLength = queryProjectionLength;
        _keyProjection = keyProjection;
        _keyProjectionLength = keyProjectionLength;
        _scoreVector = scoreVector;
        _scoreVectorLength = scoreVectorLength;
        _output = output;
        _outputLength = outputLength;
        (ValidKeys, CausalOffset) = (validKeys, causalOffset);
    }

    /// <summary>The query rows.</summary>
    public ReadOnlySpan<T> Query => new(_query, _queryLength);

    /// <summary>The key rows.</summary>
    public ReadOnlySpan<T> Key => new(_key, _keyLength);

    /// <summary>The value rows.</summary>
    public ReadOnlySpan<T> Value => new(_value, _valueLength);

    /// <summary>The boolean mask, or empty.</summary>
    public ReadOnlySpan<bool> Mask => new(_mask, _maskLength);

    /// <summary>The additive mask, or empty.</summary>
    public ReadOnlySpan<T> Bias => new(_bias, _biasLength);

    /// <summary>The additive score's <c>W_q</c>, or empty.</summary>
    public ReadOnlySpan<T> QueryProjection => new(_queryProjection, _queryProjectionLength);

    /// <summary>The additive score's <c>W_k</c>, or empty.</summary>
    public ReadOnlySpan<T> KeyProjection => new(_keyProjection, _keyProjectionLength);

    /// <summary>The additive score's <c>w</c>, or empty.</summary>
    public ReadOnlySpan<T> ScoreVector => new(_scoreVector, _scoreVectorLength);

    /// <summary>The sink logits, one per query head, or empty.</summary>
    public ReadOnlySpan<T> Sinks => new(_sinks, _sinksLength);

    /// <summary>The output rows; each range of heads writes its own.</summary>
    public Span<T> Output => new(_output, _outputLength);

    /// <summary>The key-padding mask's count.</summary>
    public int ValidKeys { get; }

    /// <summary>The causal mask's offset.</summary>
    public int CausalOffset { get; }
}
