using System;
using AttentionGen;

// Two keys with equal scores: each weight is 1/2, so the output is the mean of the two value rows.
float[] query = { 1, 0 };
float[] key = { 0, 1, 0, 1 };
float[] value = { 2, 4, 6, 8 };
float[] output = new float[Consumer.OutputLength];
Consumer.Compute(query, key, value, output);
#if POSITIONAL
// .ci/run builds this once more with POSITIONAL defined and expects the package's ATTN0013 warning (an error here).
float[] causalOutput = new float[CausalConsumer.OutputLength];
CausalConsumer.Compute(query, key, value, 2, 0, causalOutput);
#endif
if (output[0] != 4f || output[1] != 6f)
{
    Console.Error.WriteLine($"package consumer: expected [4, 6], got [{output[0]}, {output[1]}]");
    return 1;
}

Console.WriteLine($"package consumer: generated kernel from the package computed [{output[0]}, {output[1]}] as expected");
return 0;

[AttentionKernel(HeadDim = 2, SeqLen = 1, KeySeqLen = 2)]
static partial class Consumer { }

#if POSITIONAL
[AttentionKernel(HeadDim = 2, SeqLen = 1, KeySeqLen = 2, Mask = AttentionMask.Causal | AttentionMask.KeyPadding)]
static partial class CausalConsumer { }
#endif
