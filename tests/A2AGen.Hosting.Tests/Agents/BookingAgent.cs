using System.Globalization;
using A2AGen.Protocol;

namespace A2AGen.Hosting.Tests.Agents;

/// <summary>
/// A multi-turn agent (generated): <c>book</c> asks for a date before it books, <c>pay</c> stops for authorization
/// until the caller answers <c>approved</c>, <c>ask-later</c> works a while (the text, in milliseconds) before it asks,
/// <c>confirm</c> asks, then takes 300 ms over the answer.
/// Each answer says what history the skill saw.
/// </summary>
[A2AAgent(Id, Name = "Booking", Description = "Asks for what it needs before it books.", Streaming = true,
    DefaultInputModes = ["text/plain"], DefaultOutputModes = ["text/plain"])]
public sealed partial class BookingAgent
{
    public const string Id = "booking-agent";

    [Skill("book", Description = "Books a trip; asks for the date first.", Tags = ["test"])]
    [DefaultSkill]
    public static SkillResult Book(string text, SkillContext context)
    {
        var asked = context.History.Count(m => m.Role == Role.Agent);
        if (asked == 0)
        {
            return SkillResult.InputRequired($"Which date for {text}?");
        }

        var first = context.History[0].Parts[0].Text;
        return $"Booked {first} on {text} (history {context.History.Count}: {string.Join(" | ", context.History.Select(Describe))})";
    }

    [Skill("pay", Description = "Pays once the caller has approved the payment.", Tags = ["test"])]
    public static async Task<SkillResult> PayAsync(string text, CancellationToken cancellationToken)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return text == "approved"
            ? SkillResult.FromText("paid")
            : SkillResult.AuthRequired("Approve the payment at https://pay.example/approve, then answer 'approved'.");
    }

    [Skill("ask-later", Description = "Works for the given milliseconds, then asks for input once.", Tags = ["test"])]
    public static async ValueTask<SkillResult> AskLaterAsync(string text, SkillContext context, CancellationToken cancellationToken)
    {
        if (context.History.Count > 1)
        {
            return "thanks for " + text;
        }

        await Task.Delay(int.Parse(text, CultureInfo.InvariantCulture), cancellationToken);
        return SkillResult.InputRequired("Ready: what next?");
    }

    [Skill("confirm", Description = "Asks for a confirmation, then takes a while to confirm.", Tags = ["test"])]
    public static async Task<SkillResult> ConfirmAsync(string text, SkillContext context, CancellationToken cancellationToken)
    {
        if (context.History.Count == 1)
        {
            return SkillResult.InputRequired("Confirm?");
        }

        await Task.Delay(300, cancellationToken);
        return "confirmed: " + text;
    }

    private static string Describe(Message message) => (message.Role == Role.User ? "user:" : "agent:") + message.Parts[0].Text;
}
