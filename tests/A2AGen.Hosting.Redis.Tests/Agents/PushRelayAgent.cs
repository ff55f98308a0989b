using A2AGen;

namespace A2AGen.Hosting.Redis.Tests.Agents;

/// <summary>A generated agent that declares push notifications, for the tests of deliveries across instances.</summary>
[A2AAgent("push-relay-agent", Description = "Echoes, and tells its tasks' webhooks.", PushNotifications = true)]
public partial class PushRelayAgent
{
    /// <summary>Returns the text it was sent.</summary>
    [Skill("echo", Description = "Returns the text it was sent.", Tags = ["test"])]
    [DefaultSkill]
    public string Echo(string text) => text;
}
