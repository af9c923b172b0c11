using System;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Threading;

namespace AttentionGen.Tests.Stack;

/// <summary>
/// The test assembly's entry point, run by <see cref="StackTests"/> as a child process (<c>dotnet AttentionGen.Tests.dll
/// stack NAME</c>), so a stack overflow ends the child, not the test run. It puts one <see cref="StackCase"/> through
/// four trials and prints one <c>trial: result</c> line each.
/// </summary>
public static class StackProbe
{
    /// <summary>Bytes below the caller painted, then searched for the deepest byte a call overwrote.</summary>
    private const int PaintedBytes = 96 * 1024;

    private const byte Paint = 0xCD;

    public static int Main(string[] args)
    {
        if (args is not ["stack", string name])
        {
            Console.Error.WriteLine("usage: AttentionGen.Tests stack CASE");
            return 2;
        }

        StackCase stackCase = StackCase.Named(name);
        (Action call, Func<double[]> output) = stackCase.Prepare();
        call(); // compiled, and the thread's workspace taken, before anything is measured
        double[] expected = output();
        Console.WriteLine($"stack-bytes: {stackCase.StackBytes}");
        Console.WriteLine($"measured: {Enumerable.Range(0, 3).Min(_ => MeasureStack(call))}");
        Console.WriteLine($"128 KiB thread: {OnThread(128 * 1024, () => Compare(call, output, expected))}");
        Console.WriteLine($"where TryEnsureSufficientExecutionStack ends: {OnThread(1024 * 1024, () => AtRuntimeEdge(() => Compare(call, output, expected)))}");
        (string atEdge, string pastEdge) = OnThread(1024 * 1024, () => AtGuardEdge(call, output, expected));
        Console.WriteLine($"at the edge: {atEdge}");
        Console.WriteLine($"past the edge: {pastEdge}");
        return 0;
    }

    /// <summary>The most stack one call uses: the depth of the deepest painted byte it overwrote.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int MeasureStack(Action call)
    {
        PaintBelow();
        call();
        return DeepestOverwritten();
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void PaintBelow()
    {
        Span<byte> below = stackalloc byte[PaintedBytes + 1024]; // a little deeper than searched: frames differ in size
        below.Fill(Paint);
    }

    /// <summary>The same region again, uninitialised (SkipLocalsInit): what the call left there.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int DeepestOverwritten()
    {
        Span<byte> below = stackalloc byte[PaintedBytes]; // element 0 at the lowest address, the deepest
        int untouched = below.IndexOfAnyExcept(Paint);
        return untouched < 0 ? 0 : PaintedBytes - untouched;
    }

    private static string Compare(Action call, Func<double[]> output, double[] expected)
    {
        call();
        return output().SequenceEqual(expected) ? "identical" : "different";
    }

    /// <summary>Recurses while <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> holds, then runs at the deepest such frame.</summary>
    private static string AtRuntimeEdge(Func<string> run)
    {
        string? result = null;
        DescendWhileRuntimeAllows(0, () => result = run());
        return result ?? "not reached";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static bool DescendWhileRuntimeAllows(int depth, Action atEdge)
    {
        Span<byte> frame = stackalloc byte[256];
        frame[depth & 255] = 1;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            return false;
        }

        if (!DescendWhileRuntimeAllows(depth + 1, atEdge) && frame[depth & 255] == 1)
        {
            atEdge();
        }

        return true;
    }

    /// <summary>
    /// Recurses while <see cref="RuntimeHelpers.TryEnsureSufficientExecutionStack"/> holds (about 128 KiB left), then on in
    /// frames of <see cref="Step"/> bytes, calling at every frame, until the call refuses: the last call that ran must
    /// compute what it computes elsewhere, and the refusal must be an <see cref="InsufficientExecutionStackException"/>
    /// (an overflow would end this process).
    /// </summary>
    private static (string AtEdge, string PastEdge) AtGuardEdge(Action call, Func<double[]> output, double[] expected)
    {
        var state = new EdgeState(call, output, expected);
        Descend(state, depth: 0);
        return (state.AtEdge, state.PastEdge);
    }

    private sealed record EdgeState(Action Call, Func<double[]> Output, double[] Expected)
    {
        public string AtEdge { get; set; } = "not reached";

        public string PastEdge { get; set; } = "not reached";
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void Descend(EdgeState state, int depth)
    {
        Span<byte> frame = stackalloc byte[Step];
        frame[depth & (Step - 1)] = 1;
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            try
            {
                state.Call();
                state.AtEdge = state.Output().SequenceEqual(state.Expected) ? "identical" : "different";
            }
            catch (Exception exception)
            {
                state.PastEdge = exception.GetType().Name;
                return;
            }
        }

        Descend(state, depth + 1);
    }

    /// <summary>The frame the search for the edge descends by.</summary>
    private const int Step = 8192;

    private static T OnThread<T>(int stackSize, Func<T> run)
    {
        T result = default!;
        var thread = new Thread(() => result = run(), stackSize);
        thread.Start();
        thread.Join();
        return result;
    }
}
