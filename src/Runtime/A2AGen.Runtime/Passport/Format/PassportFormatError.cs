namespace A2AGen.Passport;

/// <summary>Why a received passport is not a valid <c>CallerContext</c>, and where.</summary>
/// <param name="Field">
/// The member at fault, relative to the passport: <c>clientId</c>, <c>state</c>, <c>state.tier</c>, an unknown member's
/// name, or empty for the passport itself.
/// </param>
/// <param name="Message">What is wrong, for the caller and the logs (never more than the caller sent).</param>
public sealed record PassportFormatError(string Field, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Field.Length == 0 ? Message : $"{Field}: {Message}";
}
