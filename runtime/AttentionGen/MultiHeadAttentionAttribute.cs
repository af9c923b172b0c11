using System;
using System.Diagnostics;

namespace AttentionGen;

/// <summary>
/// Declares a whole multi-head attention layer — input projections, attention per head, concatenation, output
/// projection — with the weight layout of PyTorch's <c>nn.MultiheadAttention</c> (<c>batch_first</c>). The generator adds
/// constants and <c>Forward</c> methods to the annotated <c>static partial class</c>.
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false, Inherited = false)]
[Conditional("ATTENTIONGEN_KEEP_ATTRIBUTES")]
public sealed class MultiHeadAttentionAttribute : Attribute
{
    /// <summary>The model width <c>E</c>. Required; a multiple of <see cref="Heads"/>.</summary>
    public int ModelDim { get; set; }

    /// <summary>Heads; each attends over <c>E / Heads</c> columns. Required.</summary>
    public int Heads { get; set; }

    /// <summary>Query rows. Required.</summary>
    public int SeqLen { get; set; }

    /// <summary>Key and value rows; 0 means <see cref="SeqLen"/>.</summary>
    public int KeySeqLen { get; set; }

    /// <summary>The masks applied at run time.</summary>
    public AttentionMask Mask { get; set; }

    /// <summary>Sliding window: each query row attends at most this many keys before its own position; −1 (the default): unbounded.</summary>
    public int LeftWindow { get; set; } = -1;

    /// <summary>At most this many keys after the row's own position; −1 (the default): unbounded.</summary>
    public int RightWindow { get; set; } = -1;

    /// <summary>ALiBi with this maximum bias (BLOOM and MPT use 8): a per-head linear distance bias, no mask input; 0 (the default): off.</summary>
    public double AlibiMaxBias { get; set; }

    /// <summary>The score function: scaled dot-product (PyTorch's), dot-product or Gaussian.</summary>
    public AttentionScore Score { get; set; }

    /// <summary><c>typeof(float)</c> (the default), <c>typeof(double)</c> or <c>typeof(Half)</c>.</summary>
    public Type ElementType { get; set; } = typeof(float);
}
