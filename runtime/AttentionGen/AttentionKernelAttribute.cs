using System;
using System.Diagnostics;

namespace AttentionGen;

/// <summary>
/// Declares a fixed-shape attention kernel: the AttentionGen generator adds constants and <c>Compute</c> methods
/// specialised for this shape to the annotated <c>static partial class</c>.
/// </summary>
/// <remarks>
/// Each kernel computes <c>softmax(score(Q, K) + mask) · V</c> per head. See the package README for the semantics of
/// every property; invalid combinations are reported at compile time as <c>ATTN</c> diagnostics.
/// </remarks>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("ATTENTIONGEN_KEEP_ATTRIBUTES")]
public sealed class AttentionKernelAttribute : Attribute
{
    /// <summary>Width <c>d</c> of query and key rows. Required.</summary>
    public int HeadDim { get; set; }

    /// <summary>Query rows per head. Required.</summary>
    public int SeqLen { get; set; }

    /// <summary>Key and value rows per head; 0 means <see cref="SeqLen"/>.</summary>
    public int KeySeqLen { get; set; }

    /// <summary>Width of value and output rows; 0 means <see cref="HeadDim"/>.</summary>
    public int ValueDim { get; set; }

    /// <summary>Query heads per call; 0 means 1.</summary>
    public int Heads { get; set; }

    /// <summary>Key/value heads (grouped-query attention); 0 means <see cref="Heads"/>. Must divide <see cref="Heads"/>.</summary>
    public int KeyValueHeads { get; set; }

    /// <summary>The score function.</summary>
    public AttentionScore Score { get; set; }

    /// <summary>Multiplies the score; 0 means the score's default (<c>1/sqrt(HeadDim)</c> for scaled dot-product, else 1).</summary>
    public double Scale { get; set; }

    /// <summary><c>c &gt; 0</c> maps a score <c>s</c> to <c>c·tanh(s/c)</c> before any mask; 0 turns it off.</summary>
    public double Softcap { get; set; }

    /// <summary>The masks applied at run time.</summary>
    public AttentionMask Mask { get; set; }

    /// <summary>How heads are laid out in the spans.</summary>
    public AttentionLayout Layout { get; set; }

    /// <summary>Hidden width of the additive score; only with <see cref="AttentionScore.Additive"/>.</summary>
    public int HiddenDim { get; set; }

    /// <summary>Width of key rows when it differs from the query's; only with <see cref="AttentionScore.Additive"/>.</summary>
    public int KeyDim { get; set; }

    /// <summary>
    /// Sliding window: a query row at position <c>p = row + causalOffset</c> attends at most this many keys before its
    /// own position (key <c>j</c> is masked when <c>p − j &gt; LeftWindow</c>); −1 (the default) leaves that side unbounded.
    /// </summary>
    public int LeftWindow { get; set; } = -1;

    /// <summary>At most this many keys after the row's own position (<c>j − p &gt; RightWindow</c> is masked); −1 (the default): unbounded.</summary>
    public int RightWindow { get; set; } = -1;

    /// <summary>
    /// Attention sinks (gpt-oss): a run-time <c>sinks</c> argument, one learned logit per query head, that joins each row's
    /// softmax denominator with no value row, so a row's probabilities sum to less than 1.
    /// </summary>
    public bool Sinks { get; set; }

    /// <summary>
    /// ALiBi (BLOOM, MPT): <c>−slope_h · |p − j|</c> added to each score after the softcap, with slopes fixed at generation
    /// time from this maximum bias (8 in BLOOM and MPT); 0 (the default) turns it off.
    /// </summary>
    public double AlibiMaxBias { get; set; }

    /// <summary><c>typeof(float)</c> (the default), <c>typeof(double)</c> or <c>typeof(Half)</c>.</summary>
    public Type ElementType { get; set; } = typeof(float);
}
