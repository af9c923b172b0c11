using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using AttentionGen.Kernels;
using AttentionGen.Tests.Support;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests;

/// <summary>
/// The block microkernels both paths call, against sums in double precision, on widths that fill no vector, one, several
/// and several plus a remainder, for every number of rows in a block and rows of different key counts. Key and value rows
/// past every row's count hold NaN, and so does the space between output rows: neither may show in what is written.
/// </summary>
public class BlockKernelsTests
{
    private const int Rows = 4;

    public static IEnumerable<object[]> ScoreCases()
        => from headDim in new[] { 1, 5, 16, 64 }
           from keyCount in new[] { 1, 7, 16, 33, 100 }
           from rows in new[] { 1, 3, 4 }
           select new object[] { headDim, keyCount, rows };

    public static IEnumerable<object[]> ValueCases()
        => from valueDim in new[] { 1, 3, 8, 16, 17, 24, 40, 64, 65, 100 }
           from rows in new[] { 2, 4 }
           from add in new[] { false, true }
           select new object[] { valueDim, rows, add };

    [Theory]
    [MemberData(nameof(ScoreCases))]
    public void ScoreRows_writes_the_scaled_dot_products(int headDim, int keyCount, int rows)
    {
        CheckScores<float>(headDim, keyCount, rows, unitRoundoff: Math.Pow(2, -24));
        CheckScores<double>(headDim, keyCount, rows, unitRoundoff: Math.Pow(2, -53));
    }

    [Theory]
    [MemberData(nameof(ValueCases))]
    public void Value_blocks_write_the_weighted_sums_of_each_rows_keys(int valueDim, int rows, bool add)
    {
        CheckValues<float>(valueDim, rows, add, unitRoundoff: Math.Pow(2, -24));
        CheckValues<double>(valueDim, rows, add, unitRoundoff: Math.Pow(2, -53));
    }

    private static void CheckScores<T>(int headDim, int keyCount, int rows, double unitRoundoff)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Random random = TestData.RandomFor($"scores {typeof(T).Name} {headDim} {keyCount} {rows}");
        int stride = (keyCount + 15) / 16 * 16 + 16;
        int queryStride = headDim + 3;
        const double factor = 0.3;
        T[] queries = Fill<T>(random, Rows * queryStride);
        T[] keysT = Enumerable.Repeat(T.NaN, headDim * stride).ToArray();
        for (int c = 0; c < headDim; c++)
        {
            for (int j = 0; j < keyCount; j++)
            {
                keysT[c * stride + j] = T.CreateTruncating(random.NextDouble() * 2 - 1);
            }
        }

        T[] scores = new T[Rows * stride];
        var shape = new Shape<T>(headDim, valueDim: 1, queryStride, valueRowStride: 1, outputStride: 1, stride, T.CreateTruncating(factor));
        BlockKernels.ScoreRows(shape, ref queries[0], rows, ref keysT[0], keyCount, ref scores[0]);

        for (int r = 0; r < rows; r++)
        {
            for (int j = 0; j < keyCount; j++)
            {
                double sum = 0, magnitude = 0;
                for (int c = 0; c < headDim; c++)
                {
                    double product = double.CreateTruncating(queries[r * queryStride + c]) * double.CreateTruncating(keysT[c * stride + j]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                double bound = 2 * (headDim + 2) * unitRoundoff * factor * magnitude;
                double.CreateTruncating(scores[r * stride + j]).ShouldBe(factor * sum, bound, $"{typeof(T).Name}: row {r}, key {j}");
            }
        }
    }

    private static void CheckValues<T>(int valueDim, int rows, bool add, double unitRoundoff)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
    {
        Random random = TestData.RandomFor($"values {typeof(T).Name} {valueDim} {rows} {add}");
        int[] keyCounts = { 37, 38, 39, 40 };
        if (rows < Rows)
        {
            keyCounts[1] = 0; // a row with no keys in this chunk, as a causal mask leaves one
        }

        int keys = keyCounts.Max() + 3;
        int stride = 48;
        int valueStride = valueDim + 2;
        int outputStride = valueDim + 5;
        T[] scores = Fill<T>(random, Rows * stride);
        T[] values = Fill<T>(random, keys * valueStride);
        for (int r = 0; r < Rows; r++)
        {
            Array.Fill(scores, T.NaN, r * stride + keyCounts[r], stride - keyCounts[r]);
        }

        Array.Fill(values, T.NaN, keyCounts.Max() * valueStride, (keys - keyCounts.Max()) * valueStride);
        T[] factors = Fill<T>(random, Rows);
        T[] outputs = Enumerable.Repeat(T.NaN, Rows * outputStride).ToArray();
        T[] before = Fill<T>(random, Rows * outputStride);
        for (int r = 0; r < rows && add; r++)
        {
            Array.Copy(before, r * outputStride, outputs, r * outputStride, valueDim);
        }

        var shape = new Shape<T>(headDim: 1, valueDim, queryStride: 1, valueStride, outputStride, stride, T.One);
        if (add)
        {
            BlockKernels.AddValueBlock(shape, ref scores[0], rows, keyCounts, factors, ref values[0], ref outputs[0]);
        }
        else
        {
            BlockKernels.AccumulateValueBlock(shape, ref scores[0], rows, keyCounts, factors, ref values[0], ref outputs[0]);
        }

        for (int r = 0; r < Rows; r++)
        {
            for (int column = 0; column < outputStride; column++)
            {
                double actual = double.CreateTruncating(outputs[r * outputStride + column]);
                if (r >= rows || column >= valueDim)
                {
                    double.IsNaN(actual).ShouldBeTrue($"{typeof(T).Name}: row {r}, column {column} is not the block's and was written");
                    continue;
                }

                double sum = 0, magnitude = 0;
                for (int j = 0; j < keyCounts[r]; j++)
                {
                    double product = double.CreateTruncating(scores[r * stride + j]) * double.CreateTruncating(values[j * valueStride + column]);
                    sum += product;
                    magnitude += Math.Abs(product);
                }

                double factor = double.CreateTruncating(factors[r]);
                double previous = add ? double.CreateTruncating(before[r * outputStride + column]) : 0;
                double expected = add ? factor * previous + sum : factor * sum;
                double bound = 2 * (keyCounts[r] + 3) * unitRoundoff * (Math.Abs(factor) * (magnitude + Math.Abs(previous)) + magnitude);
                actual.ShouldBe(expected, bound, $"{typeof(T).Name}: row {r}, column {column}");
            }
        }
    }

    private static T[] Fill<T>(Random random, int length)
        where T : unmanaged, IBinaryFloatingPointIeee754<T>
        => Enumerable.Range(0, length).Select(_ => T.CreateTruncating(random.NextDouble() * 2 - 1)).ToArray();

    private readonly struct Shape<T>(int headDim, int valueDim, int queryStride, int valueRowStride, int outputStride, int keyTileStride, T factor)
        : IBlockShape<T>
    {
        public int HeadDim => headDim;

        public int ValueDim => valueDim;

        public int QueryBlockStride => queryStride;

        public int ValueRowStride => valueRowStride;

        public int OutputBlockStride => outputStride;

        public int KeyTileStride => keyTileStride;

        public T ScoreFactor => factor;
    }
}
