using System;
using System.Runtime.Intrinsics;
using Shouldly;
using Xunit;
using Xunit.Abstractions;

namespace AttentionGen.Tests;

/// <summary>
/// Reports which vector widths this run has, and checks that the DOTNET_Enable* switches the CI passes took effect, so
/// a reduced-ISA run really exercises the narrower paths.
/// </summary>
public class InstructionSetTests(ITestOutputHelper output)
{
    [Fact]
    public void The_vector_widths_match_the_instruction_set_switches()
    {
        output.WriteLine($"Vector widths: Vector512={Vector512.IsHardwareAccelerated} Vector256={Vector256.IsHardwareAccelerated} Vector128={Vector128.IsHardwareAccelerated}");
        if (Off("DOTNET_EnableHWIntrinsic"))
        {
            Vector128.IsHardwareAccelerated.ShouldBeFalse();
        }

        if (Off("DOTNET_EnableAVX2") || Off("DOTNET_EnableHWIntrinsic"))
        {
            Vector256.IsHardwareAccelerated.ShouldBeFalse();
        }

        if (Off("DOTNET_EnableAVX512F") || Off("DOTNET_EnableAVX512") || Off("DOTNET_EnableAVX2") || Off("DOTNET_EnableHWIntrinsic"))
        {
            Vector512.IsHardwareAccelerated.ShouldBeFalse();
        }
    }

    private static bool Off(string variable) => Environment.GetEnvironmentVariable(variable) == "0";
}
