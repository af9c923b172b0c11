using System.Collections.Generic;
using System.IO;
using System.Text;

namespace AttentionGen.Benchmarks;

/// <summary>
/// A one-node ONNX model — the <c>Attention</c> operator of opset 23 on inputs Q, K, V (4-D head-major, or 3-D for the
/// interleaved layout, with the head counts as attributes), and an additive float mask M when asked for — written directly
/// as protobuf bytes, so no ONNX or protobuf package is needed.
/// </summary>
internal static class OnnxAttentionModel
{
    private const int Varint = 0, LengthDelimited = 2;

    /// <param name="d">The shape; its layout decides 4-D or 3-D inputs.</param>
    /// <param name="causal">ONNX's <c>is_causal</c> (top-left).</param>
    /// <param name="maskShape">The additive mask's shape (input M), or null for none.</param>
    public static byte[] Build(AttentionDescriptor d, bool causal, long[]? maskShape = null)
    {
        var node = new Message()
            .String(1, "Q").String(1, "K").String(1, "V");
        if (maskShape is not null)
        {
            node.String(1, "M");
        }

        node.String(2, "Y").String(4, "Attention");
        if (causal)
        {
            // AttributeProto: name, i, type = INT (2).
            node.Bytes(5, new Message().String(1, "is_causal").Int(3, 1).Int(20, 2).ToArray());
        }

        if (d.Layout == AttentionLayout.Interleaved)
        {
            node.Bytes(5, new Message().String(1, "q_num_heads").Int(3, d.Heads).Int(20, 2).ToArray());
            node.Bytes(5, new Message().String(1, "kv_num_heads").Int(3, d.KeyValueHeads).Int(20, 2).ToArray());
        }

        var graph = new Message()
            .Bytes(1, node.ToArray())
            .String(2, "attention")
            .Bytes(11, ValueInfo("Q", Shape(d, "Q"))).Bytes(11, ValueInfo("K", Shape(d, "K"))).Bytes(11, ValueInfo("V", Shape(d, "V")));
        if (maskShape is not null)
        {
            graph.Bytes(11, ValueInfo("M", maskShape));
        }

        graph.Bytes(12, ValueInfo("Y", Shape(d, "Y")));
        return new Message()
            .Int(1, 10)                                                    // ir_version
            .Bytes(7, graph.ToArray())                                     // graph
            .Bytes(8, new Message().String(1, "").Int(2, 23).ToArray())    // opset_import: ai.onnx 23
            .ToArray();
    }

    /// <summary>
    /// Input or output <paramref name="name"/>'s shape: <c>[1, heads, rows, width]</c>, or for the interleaved layout
    /// <c>[1, rows, heads · width]</c>.
    /// </summary>
    public static long[] Shape(AttentionDescriptor d, string name)
    {
        (long heads, long rows, long width) = name switch
        {
            "Q" => (d.Heads, d.SeqLen, d.HeadDim),
            "K" => (d.KeyValueHeads, d.KeySeqLen, d.HeadDim),
            "V" => (d.KeyValueHeads, d.KeySeqLen, d.ValueDim),
            _ => (d.Heads, d.SeqLen, d.ValueDim),
        };
        return d.Layout == AttentionLayout.Interleaved ? new[] { 1, rows, heads * width } : new[] { 1, heads, rows, width };
    }

    /// <summary>
    /// A one-node model of ONNX Runtime's <c>GroupQueryAttention</c> (domain <c>com.microsoft</c>) for one decode step:
    /// Q, K, V of the new token (<c>[1, 1, heads · d]</c>), the cache PK, PV (<c>[1, kvHeads, past, d]</c>), seqlens_k SL
    /// and total_sequence_length T (int32), and, with <paramref name="sinks"/>, head_sink S; output Y <c>[1, 1, heads · d]</c>.
    /// Causal, as the operator always is.
    /// </summary>
    public static byte[] BuildGroupQueryAttention(int heads, int kvHeads, int headDim, int past, int localWindow, bool sinks)
    {
        var node = new Message();
        foreach (string input in new[] { "Q", "K", "V", "PK", "PV", "SL", "T", "", "", "", "", sinks ? "S" : "" })
        {
            node.String(1, input);
        }

        node.String(2, "Y").String(2, "PKo").String(2, "PVo").String(4, "GroupQueryAttention").String(7, "com.microsoft");
        node.Bytes(5, new Message().String(1, "num_heads").Int(3, heads).Int(20, 2).ToArray());
        node.Bytes(5, new Message().String(1, "kv_num_heads").Int(3, kvHeads).Int(20, 2).ToArray());
        node.Bytes(5, new Message().String(1, "local_window_size").Int(3, localWindow).Int(20, 2).ToArray());
        long total = past + 1;
        var graph = new Message()
            .Bytes(1, node.ToArray())
            .String(2, "group_query_attention")
            .Bytes(11, ValueInfo("Q", new long[] { 1, 1, heads * headDim }))
            .Bytes(11, ValueInfo("K", new long[] { 1, 1, kvHeads * headDim }))
            .Bytes(11, ValueInfo("V", new long[] { 1, 1, kvHeads * headDim }))
            .Bytes(11, ValueInfo("PK", new long[] { 1, kvHeads, past, headDim }))
            .Bytes(11, ValueInfo("PV", new long[] { 1, kvHeads, past, headDim }))
            .Bytes(11, ValueInfo("SL", new long[] { 1 }, Int32))
            .Bytes(11, ValueInfo("T", System.Array.Empty<long>(), Int32));
        if (sinks)
        {
            graph.Bytes(11, ValueInfo("S", new long[] { heads }));
        }

        graph.Bytes(12, ValueInfo("Y", new long[] { 1, 1, heads * headDim }))
            .Bytes(12, ValueInfo("PKo", new long[] { 1, kvHeads, total, headDim }))
            .Bytes(12, ValueInfo("PVo", new long[] { 1, kvHeads, total, headDim }));
        return new Message()
            .Int(1, 10)
            .Bytes(7, graph.ToArray())
            .Bytes(8, new Message().String(1, "").Int(2, 23).ToArray())
            .Bytes(8, new Message().String(1, "com.microsoft").Int(2, 1).ToArray())
            .ToArray();
    }

    /// <summary>TensorProto element types used here.</summary>
    private const int Float = 1, Int32 = 6;

    /// <summary>A ValueInfoProto: a tensor of the given shape and element type (float unless told).</summary>
    private static byte[] ValueInfo(string name, long[] shape, int elementType = Float)
    {
        var dims = new Message();
        foreach (long dim in shape)
        {
            dims.Bytes(1, new Message().Int(1, dim).ToArray());
        }

        byte[] tensor = new Message().Int(1, elementType).Bytes(2, dims.ToArray()).ToArray();   // elem_type, shape
        return new Message().String(1, name).Bytes(2, new Message().Bytes(1, tensor).ToArray()).ToArray();
    }

    /// <summary>A protobuf message being written: varint and length-delimited fields only.</summary>
    private sealed class Message
    {
        private readonly List<byte> _bytes = new();

        public Message Int(int field, long value)
        {
            Key(field, Varint);
            WriteVarint((ulong)value);
            return this;
        }

        public Message String(int field, string value) => Bytes(field, Encoding.UTF8.GetBytes(value));

        public Message Bytes(int field, byte[] value)
        {
            Key(field, LengthDelimited);
            WriteVarint((ulong)value.Length);
            _bytes.AddRange(value);
            return this;
        }

        public byte[] ToArray() => _bytes.ToArray();

        private void Key(int field, int wireType) => WriteVarint((ulong)((field << 3) | wireType));

        private void WriteVarint(ulong value)
        {
            while (value >= 0x80)
            {
                _bytes.Add((byte)(value | 0x80));
                value >>= 7;
            }

            _bytes.Add((byte)value);
        }
    }
}
