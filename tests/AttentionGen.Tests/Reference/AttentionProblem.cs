using AttentionGen;

namespace AttentionGen.Tests.Reference;

/// <summary>
/// A shape and its options, as the tests state them, independent of the library's own descriptor: the reference
/// resolves the defaults itself, from api.md.
/// </summary>
public sealed record AttentionProblem(
    int HeadDim,
    int SeqLen,
    int KeySeqLen = 0,
    int ValueDim = 0,
    int Heads = 1,
    int KeyValueHeads = 0,
    AttentionScore Score = AttentionScore.ScaledDotProduct,
    double Scale = 0,
    double Softcap = 0,
    AttentionMask Mask = AttentionMask.None,
    AttentionLayout Layout = AttentionLayout.HeadMajor,
    int HiddenDim = 0,
    int KeyDim = 0,
    int LeftWindow = -1,
    int RightWindow = -1,
    bool Sinks = false,
    double AlibiMaxBias = 0)
{
    public int KeyWidth => KeyDim == 0 ? HeadDim : KeyDim;

    public int Keys => KeySeqLen == 0 ? SeqLen : KeySeqLen;

    public int Values => ValueDim == 0 ? HeadDim : ValueDim;

    public int KvHeads => KeyValueHeads == 0 ? Heads : KeyValueHeads;

    public int QueryLength => Heads * SeqLen * HeadDim;

    public int KeyLength => KvHeads * Keys * KeyWidth;

    public int ValueLength => KvHeads * Keys * Values;

    public int OutputLength => Heads * SeqLen * Values;

    public int WeightsLength => Heads * SeqLen * Keys;

    /// <summary>A generated kernel's problem, read from its <c>Descriptor</c> (resolved values, so no defaults remain).</summary>
    public static AttentionProblem Of(AttentionDescriptor d) => new(
        d.HeadDim, d.SeqLen, d.KeySeqLen, d.ValueDim, d.Heads, d.KeyValueHeads, d.Score, d.Scale, d.Softcap, d.Mask, d.Layout,
        d.Score == AttentionScore.Additive ? d.HiddenDim : 0, d.Score == AttentionScore.Additive ? d.KeyDim : 0, d.LeftWindow, d.RightWindow, d.Sinks, d.AlibiMaxBias);

    /// <summary>Whether the problem places its rows at positions <c>row + causalOffset</c>: a causal mask or a window.</summary>
    public bool TakesPositions => (Mask & AttentionMask.Causal) != 0 || LeftWindow >= 0 || RightWindow >= 0 || AlibiMaxBias > 0;

    /// <summary>The same problem as the generic path's descriptor.</summary>
    public AttentionDescriptor ToDescriptor() => new()
    {
        HeadDim = HeadDim,
        SeqLen = SeqLen,
        KeySeqLen = KeySeqLen,
        ValueDim = ValueDim,
        Heads = Heads,
        KeyValueHeads = KeyValueHeads,
        Score = Score,
        Scale = Scale,
        Softcap = Softcap,
        Mask = Mask,
        Layout = Layout,
        HiddenDim = HiddenDim,
        KeyDim = KeyDim,
        LeftWindow = LeftWindow,
        RightWindow = RightWindow,
        Sinks = Sinks,
        AlibiMaxBias = AlibiMaxBias,
    };

    /// <summary>
    /// The generic path's <c>validKeys</c> and <c>causalOffset</c> for a call given both: each where the problem declares its
    /// mask, the default elsewhere (the generic path rejects an argument it would ignore).
    /// </summary>
    public (int ValidKeys, int CausalOffset) GenericMaskArguments(int validKeys, int causalOffset)
        => ((Mask & AttentionMask.KeyPadding) != 0 ? validKeys : -1, TakesPositions ? causalOffset : 0);

    public override string ToString()
        => $"d{HeadDim} n{SeqLen}x{Keys} dv{Values} h{Heads}/{KvHeads} {Score}{(Scale != 0 ? $" scale {Scale}" : "")}"
            + $"{(Softcap != 0 ? $" softcap {Softcap}" : "")} {Mask} {Layout}"
            + $"{(LeftWindow >= 0 || RightWindow >= 0 ? $" window {LeftWindow}/{RightWindow}" : "")}{(Sinks ? " sinks" : "")}{(AlibiMaxBias > 0 ? $" ALiBi {AlibiMaxBias}" : "")}";
}
