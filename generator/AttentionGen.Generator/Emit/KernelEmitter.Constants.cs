using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    private static void WriteConstants(CodeWriter w, KernelSpec spec)
    {
        w.Line("// Dimensions, as declared (defaults resolved).");
        PublicConst(w, "HeadDim", spec.HeadDim.ToString(), "Width of query and key rows.");
        PublicConst(w, "SeqLen", spec.SeqLen.ToString(), "Query rows per head.");
        PublicConst(w, "KeySeqLen", spec.KeySeqLen.ToString(), "Key and value rows per key/value head.");
        PublicConst(w, "ValueDim", spec.ValueDim.ToString(), "Width of value and output rows.");
        PublicConst(w, "KeyDim", spec.KeyDim == spec.HeadDim ? "HeadDim" : spec.KeyDim.ToString(), "Width of key rows: HeadDim but for the additive score.");
        PublicConst(w, "Heads", spec.Heads.ToString(), "Query heads per call.");
        PublicConst(w, "KeyValueHeads", spec.KeyValueHeads.ToString(), "Key/value heads per call; query head <c>h</c> reads key/value head <c>h / (Heads / KeyValueHeads)</c>.");
        w.Line();
        w.Line("// Element counts every span must have exactly.");
        PublicConst(w, "QueryLength", "Heads * SeqLen * HeadDim", "Elements of <c>query</c>.");
        PublicConst(w, "KeyLength", "KeyValueHeads * KeySeqLen * KeyDim", "Elements of <c>key</c>.");
        PublicConst(w, "ValueLength", "KeyValueHeads * KeySeqLen * ValueDim", "Elements of <c>value</c>.");
        PublicConst(w, "OutputLength", "Heads * SeqLen * ValueDim", "Elements of <c>output</c>.");
        PublicConst(w, "WeightsLength", "Heads * SeqLen * KeySeqLen", "Elements of <c>weights</c>: <c>[Heads, SeqLen, KeySeqLen]</c> in every layout.");
        if (spec.IsAdditive)
        {
            PublicConst(w, "HiddenDim", spec.HiddenDim.ToString(), "Hidden width of the additive score.");
            PublicConst(w, "QueryProjectionLength", "HiddenDim * HeadDim", "Elements of <c>queryProjection</c>, <c>W_q</c>: <c>[HiddenDim, HeadDim]</c>.");
            PublicConst(w, "KeyProjectionLength", "HiddenDim * KeyDim", "Elements of <c>keyProjection</c>, <c>W_k</c>: <c>[HiddenDim, KeyDim]</c>.");
            PublicConst(w, "ScoreVectorLength", "HiddenDim", "Elements of <c>scoreVector</c>, <c>w</c>.");
        }

        WriteMemoryConstants(w, spec);
        w.Line();

        w.Line($"// Where rows start: {(spec.IsInterleaved ? "interleaved, a row holds every head's slice" : "head-major, each head's rows are contiguous")}.");
        WriteStrides(w, spec, "Query", "Heads", "SeqLen", "HeadDim");
        WriteStrides(w, spec, "Key", "KeyValueHeads", "KeySeqLen", "KeyDim");
        WriteStrides(w, spec, "Value", "KeyValueHeads", "KeySeqLen", "ValueDim");
        WriteStrides(w, spec, "Output", "Heads", "SeqLen", "ValueDim");
        if (spec.IsGrouped)
        {
            w.Line("/// <summary>Query heads that share one key/value head (grouped-query attention).</summary>");
            w.Line("private const int GroupSize = Heads / KeyValueHeads;");
        }

        w.Line();
        string factorNote = spec.Score switch
        {
            AttentionScore.Gaussian => $"−Scale / 2 with Scale = {Invariant(spec.Scale)}: the Gaussian score is −Scale · ‖q − k‖² / 2",
            AttentionScore.Additive => $"Scale = {Invariant(spec.Scale)}: the additive score is Scale · w·tanh(W_q q + W_k k)",
            AttentionScore.ScaledDotProduct when spec.Scale == 1.0 / System.Math.Sqrt(spec.HeadDim) => "1 / sqrt(HeadDim)",
            _ => $"Scale = {Invariant(spec.Scale)}",
        };
        w.Line($"/// <summary>Multiplies the raw score: {factorNote}.</summary>");
        w.Line($"private const {spec.ComputeName} ScoreFactor = {spec.Literal(spec.ScoreFactor)};");
        if (spec.UsesKeyTiles || spec.UsesKeyChunks)
        {
            w.Line("/// <summary>Query rows scored together against the transposed keys, so each key load serves them all.</summary>");
            w.Line($"private const int RowBlock = {RowBlock};");
            if (spec.UsesKeyChunks)
            {
                w.Line(spec.FoldsHeads
                    ? "/// <summary>Keys transposed and attended at a time, as many as fit the stack.</summary>"
                    : "/// <summary>Keys transposed and attended at a time: all of them would not fit the stack.</summary>");
                w.Line($"private const int KeyChunk = {spec.KeyChunk};");
            }

            w.Line(spec.UsesKeyChunks
                ? "/// <summary>Elements between columns of the transposed keys: KeyChunk padded past a cache line, so columns do not share cache sets.</summary>"
                : "/// <summary>Elements between columns of the transposed keys: KeySeqLen padded past a cache line, so columns do not share cache sets.</summary>");
            w.Line($"private const int KeyTileStride = {spec.KeyTileStride};");
            if (spec.FoldsHeads)
            {
                w.Line("// A block's rows are a key/value group's query heads (one query row each): they are a head apart.");
                w.Line("private const int QueryBlockStride = QueryHeadStride;");
                w.Line("private const int OutputBlockStride = OutputHeadStride;");
            }
            else
            {
                w.Line("// A block's rows are consecutive query rows of one head.");
                w.Line("private const int QueryBlockStride = QueryRowStride;");
                w.Line("private const int OutputBlockStride = OutputRowStride;");
            }
        }

        if (spec.IsGaussian)
        {
            w.Line("/// <summary>Multiplies q·k in the Gaussian score's shifted form, <c>Scale·(q·k − ‖k‖²/2)</c>.</summary>");
            w.Line($"private const {spec.ComputeName} AffinityFactor = {spec.Literal(spec.Scale)};");
            w.Line("/// <summary>The shifted form is used while <c>Scale·‖x‖²</c> stays below this: its logit error then stays under 2⁻¹².</summary>");
            w.Line($"private const {spec.ComputeName} GaussianExactLimit = {spec.Literal(spec.GaussianExactLimit)};");
        }

        if (spec.Softcap > 0)
        {
            w.Line("/// <summary>Scores are softcapped to <c>Softcap · tanh(s / Softcap)</c> before any mask.</summary>");
            w.Line($"private const {spec.ComputeName} Softcap = {spec.Literal(spec.Softcap)};");
        }

        w.Line();
        w.Line("// Shapes quoted by the argument checks.");
        ShapeConst(w, spec, "QueryShape", "Heads", spec.Heads, "SeqLen", spec.SeqLen, "HeadDim", spec.HeadDim);
        ShapeConst(w, spec, "KeyShape", "KeyValueHeads", spec.KeyValueHeads, "KeySeqLen", spec.KeySeqLen, "KeyDim", spec.KeyDim);
        ShapeConst(w, spec, "ValueShape", "KeyValueHeads", spec.KeyValueHeads, "KeySeqLen", spec.KeySeqLen, "ValueDim", spec.ValueDim);
        ShapeConst(w, spec, "OutputShape", "Heads", spec.Heads, "SeqLen", spec.SeqLen, "ValueDim", spec.ValueDim);
        w.Line($"private const string WeightsShape = \"[Heads = {spec.Heads}, SeqLen = {spec.SeqLen}, KeySeqLen = {spec.KeySeqLen}]\";");
        w.Line();
    }

    private static void PublicConst(CodeWriter w, string name, string value, string summary)
    {
        w.Line($"/// <summary>{summary}</summary>");
        w.Line(GeneratedCode);
        w.Line($"public const int {name} = {value};");
    }

    private static void WriteStrides(CodeWriter w, KernelSpec spec, string prefix, string heads, string rows, string width)
    {
        w.Line($"private const int {prefix}HeadStride = {(spec.IsInterleaved ? width : rows + " * " + width)};");
        w.Line($"private const int {prefix}RowStride = {(spec.IsInterleaved ? heads + " * " + width : width)};");
    }

    private static void ShapeConst(CodeWriter w, KernelSpec spec, string name, string heads, int headCount, string rows, int rowCount, string width, int widthCount)
    {
        string shape = spec.IsInterleaved
            ? $"[{rows} = {rowCount}, {heads} · {width} = {headCount} · {widthCount}]"
            : $"[{heads} = {headCount}, {rows} = {rowCount}, {width} = {widthCount}]";
        w.Line($"private const string {name} = \"{shape}\";");
    }
}
