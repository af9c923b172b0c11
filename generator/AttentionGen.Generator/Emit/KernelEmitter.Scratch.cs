using System.Globalization;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary><c>ScratchBytes</c> and <c>StackBytes</c>: what a call takes of working memory, and of the stack at most.</summary>
    private static void WriteMemoryConstants(CodeWriter w, KernelSpec spec)
    {
        long scratch = ScratchLayout.Bytes(spec);
        string where = KernelMemory.OnStack(scratch)
            ? "on the stack"
            : "in this thread's <see cref=\"global::AttentionGen.AttentionWorkspace\"/>";
        PublicConst(w, "ScratchBytes", scratch.ToString(CultureInfo.InvariantCulture), $"Bytes of working memory a call takes, {where}.");
        PublicConst(w, "StackBytes", KernelMemory.StackBytes(scratch).ToString(CultureInfo.InvariantCulture),
            "The most stack a call uses; with less left, it throws <c>InsufficientExecutionStackException</c> and writes nothing.");
    }

    /// <summary>
    /// The start of <c>ComputeCore</c>: the stack check, then the working memory, on the stack or from the thread's
    /// workspace, cut into 64-byte-aligned buffers.
    /// </summary>
    private static void WriteScratch(CodeWriter w, KernelSpec spec)
    {
        w.Line("// Throws InsufficientExecutionStackException, rather than overflowing, when less than StackBytes is left.");
        w.Line($"{Kernels}.StackGuard.Ensure(StackBytes);");
        long bytes = ScratchLayout.Bytes(spec);
        if (KernelMemory.OnStack(bytes))
        {
            w.Line($"// Working memory, ScratchBytes = {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes, on the stack (64 more to align it).");
            w.Line($"scoped {Kernels}.Scratch scratch = new(stackalloc byte[ScratchBytes + 64]);");
        }
        else
        {
            w.Line($"// Working memory, ScratchBytes = {bytes.ToString("N0", CultureInfo.InvariantCulture)} bytes: more than a kernel keeps on the stack, so this thread's workspace.");
            w.Line($"scoped {Kernels}.Scratch scratch = new(global::AttentionGen.AttentionWorkspace.ForCurrentThread(ScratchBytes));");
        }

        foreach (ScratchBuffer buffer in ScratchLayout.Of(spec))
        {
            if (buffer.Why is not null)
            {
                foreach (string line in buffer.Why.Split('\n'))
                {
                    w.Line("// " + line);
                }
            }

            w.Line($"global::System.Span<{buffer.Type}> {buffer.Name} = scratch.Take<{buffer.Type}>({buffer.Length});");
        }
    }
}
