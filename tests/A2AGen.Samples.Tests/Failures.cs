using A2AGen.Samples.Tests.Infrastructure;

namespace A2AGen.Samples.Tests;

/// <summary>Assertions for the "must withstand" cases: one line on standard error, never a stack trace.</summary>
internal static class Failures
{
    public static void AssertOneLine(SampleProgram program, string expected)
    {
        var errors = program.Errors.TrimEnd('\n');
        Assert.True(!errors.Contains('\n'), $"expected one line on standard error, got: {program.Errors}");
        Assert.Contains(expected, errors, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", errors, StringComparison.Ordinal);
        Assert.Equal("", program.Output.Trim());
    }
}
