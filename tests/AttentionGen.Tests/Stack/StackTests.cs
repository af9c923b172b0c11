using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using Shouldly;
using Xunit;

namespace AttentionGen.Tests.Stack;

/// <summary>
/// Large kernels, a layer and the generic path on small stacks, each in a child process (<see cref="StackProbe"/>), where
/// a stack overflow ends only the child: on a 128 KiB thread and at the deepest frame a recursion reaches while
/// <c>TryEnsureSufficientExecutionStack</c> holds they compute what they compute on the main thread; one frame further
/// they throw <see cref="InsufficientExecutionStackException"/>; and no call uses more stack than its <c>StackBytes</c>.
/// </summary>
public class StackTests
{
    public static TheoryData<string> Cases() => new(StackCase.All.Select(c => c.Name));

    [Theory]
    [MemberData(nameof(Cases))]
    public void A_large_call_runs_on_a_small_stack_and_throws_rather_than_overflows(string name)
    {
        Dictionary<string, string> trials = RunProbe(name);

        trials["128 KiB thread"].ShouldBe("identical");
        trials["where TryEnsureSufficientExecutionStack ends"].ShouldBe("identical");
        trials["at the edge"].ShouldBe("identical");
        trials["past the edge"].ShouldBe(nameof(InsufficientExecutionStackException));
        int stackBytes = int.Parse(trials["stack-bytes"]);
        int.Parse(trials["measured"]).ShouldBeLessThanOrEqualTo(stackBytes, "bytes of stack one call used, against its StackBytes");
        stackBytes.ShouldBeLessThanOrEqualTo(32 * 1024);
    }

    private static Dictionary<string, string> RunProbe(string name)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { typeof(StackProbe).Assembly.Location, "stack", name })
        {
            start.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(start)!;
        string output = child.StandardOutput.ReadToEnd();
        string errors = child.StandardError.ReadToEnd();
        child.WaitForExit();
        child.ExitCode.ShouldBe(0, $"the child process for {name} ended with {child.ExitCode}:\n{output}\n{errors}");
        return output.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split(": ", 2))
            .ToDictionary(parts => parts[0], parts => parts[1].Trim());
    }
}
