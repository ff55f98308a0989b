using A2AGen.Protocol;

namespace A2AGen.Hosting;

/// <summary>
/// The <c>GetExtendedAgentCard</c> operation (spec §3.1.11, §3.3.4): <c>UnsupportedOperationError</c> when the card
/// does not declare the capability, <c>ExtendedAgentCardNotConfiguredError</c> when it does but no extended card
/// exists for this caller, else the card from <see cref="A2AAgentOptions.ExtendedAgentCard"/> for the verified caller
/// (signer, mTLS peer, user), signed with the agent's key like the public card.
/// </summary>
internal static class ExtendedCardOperation
{
    public static OperationResult<AgentCard> Get(A2ARequest request)
    {
        var agent = request.Agent;
        var document = agent.Cards.Get(request.Http.Request);
        if (document.Card.Capabilities.ExtendedAgentCard != true)
        {
            return A2AError.UnsupportedOperation($"Agent '{agent.AgentId}' has no extended Agent Card (capabilities.extendedAgentCard is not true).");
        }

        if (agent.Options.ExtendedAgentCard?.Invoke(request.Caller) is not { } card)
        {
            return A2AError.ExtendedCardNotConfigured();
        }

        return agent.Cards.SignExtended(card, request.Http.Request);
    }
}
