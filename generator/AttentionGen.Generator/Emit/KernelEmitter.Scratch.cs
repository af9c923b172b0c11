using System.Globalization;
using AttentionGen.Generator.Model;

namespace AttentionGen.Generator.Emit;

internal static partial class KernelEmitter
{
    /// <summary>
    /// The start of <c>Run</c>: the stack check, then the working memory, on the stack or from the thread's workspace,
    /// cut into 64-byte-aligned buffers (<see cref="ScratchLayout"/>).
    /// </summary>
    private static void WriteScratch(CodeWriter w, KernelSpec spec)
    {
        w.Line("// Throws InsufficientExecutionStackException, rather than overflowing, when less than StackBytes is left.");
        w.Line("StackGuard.Ensure(StackBytes);");
        long bytes = ScratchLayout.Bytes(spec);
        string size = bytes.ToString("N0", CultureInfo.InvariantCulture);
        if (KernelMemory.OnStack(bytes))
        {
            w.Line($"// Working memory, ScratchBytes = {size} bytes, on the stack (64 more to align it).");
            w.Line("scoped Scratch scratch = new(stackalloc byte[ScratchBytes + 64]);");
        }
        else
        {
            w.Line($"// Working memory, ScratchBytes = {size} bytes: more than a kernel keeps on the stack, so this thread's workspace.");
            w.Line("scoped Scratch scratch = new(AttentionWorkspace.ForCurrentThread(ScratchBytes));");
        }

        foreach (ScratchBuffer buffer in ScratchLayout.Of(spec))
        {
            if (buffer.Why is not null)
            {
                w.Comment(buffer.Why);
            }

            w.Line($"Span<{buffer.Type}> {buffer.Name} = scratch.Take<{buffer.Type}>({buffer.Length});");
        }
    }
}
