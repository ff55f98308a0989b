using System.Text;
using System.Text.Json;
using A2AGen;
using A2AGen.Passport;
using A2AGen.Protocol;
using HelloAgent;
using HelloAgent.Agents;

// HelloAgent: prints the Agent Cards A2AGen generated at compile time and runs skills through the generated
// dispatcher, the way hosting will (route → bind → call → wrap). No web server here.
Console.OutputEncoding = Encoding.UTF8;
var json = SampleJson.Default.Options;

PrintCard("hello-agent", GreeterAgent.CardJson);
PrintCard("unit-converter", UnitConverterAgent.CardJson);

var greeter = new GreeterAgent();
await Run(greeter, GreeterAgent.Descriptor, Message.UserText("Ada"));
await Run(greeter, GreeterAgent.Descriptor, WithSkill(Message.UserText("Ada, Grace, Linus"), "greet-all"));

var converter = new UnitConverterAgent();
var tenKilometres = new Message
{
    MessageId = Guid.NewGuid().ToString("N"),
    Role = Role.User,
    Parts = [Part.FromData(JsonSerializer.SerializeToElement(new ConversionRequest(10, "km"), SampleJson.Default.ConversionRequest))],
};
await Run(converter, UnitConverterAgent.Descriptor, tenKilometres);
await Run(converter, UnitConverterAgent.Descriptor, tenKilometres, Passport(("preferred_unit_system", "metric")));
await Run(converter, UnitConverterAgent.Descriptor, WithSkill(Message.UserText("which units?"), "units"));
return 0;

void PrintCard(string id, ReadOnlySpan<byte> canonical)
{
    Console.WriteLine($"== Agent Card '{id}' ({canonical.Length} bytes, RFC 8785 canonical, computed at compile time)");
    using var document = JsonDocument.Parse(canonical.ToArray());
    Console.WriteLine(JsonSerializer.Serialize(document.RootElement, new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
    Console.WriteLine();
}

async Task Run(IA2AAgent agent, AgentDescriptor descriptor, Message message, PassportContext? passport = null)
{
    var skill = descriptor.Route(message, out var error) ?? throw new InvalidOperationException(error);
    var invocation = new SkillInvocation
    {
        Skill = skill,
        Json = json,
        Passport = passport,
        Context = new SkillContext
        {
            AgentId = descriptor.AgentId,
            SkillId = skill.Id,
            Message = message,
            TaskId = Guid.NewGuid().ToString("N"),
            ContextId = Guid.NewGuid().ToString("N"),
        },
    };

    var input = string.Join(" ", message.Parts.Select(p => p.Text ?? p.Data?.GetRawText()));
    Console.Write($"-> {descriptor.AgentId}/{skill.Id} ({input}{(passport is null ? "" : ", with a passport")}): ");
    var result = await agent.DispatchAsync(invocation);
    switch (result.Kind)
    {
        case SkillOutputKind.Text:
            Console.WriteLine(result.Text);
            break;
        case SkillOutputKind.Data:
            Console.WriteLine(result.Data?.GetRawText());
            break;
        case SkillOutputKind.Message:
            Console.WriteLine(string.Join(" ", result.Message!.Parts.Select(p => p.Text)));
            break;
        case SkillOutputKind.Stream:
            var parts = new List<string>();
            await foreach (var part in result.Stream!)
            {
                parts.Add(part.Text ?? part.Data?.GetRawText() ?? "");
            }

            Console.WriteLine(string.Join(" | ", parts));
            break;
        default:
            Console.WriteLine("(done)");
            break;
    }
}

static Message WithSkill(Message message, string skillId) => message with
{
    Metadata = new Dictionary<string, JsonElement> { [A2AProtocol.SkillMetadataKey] = JsonSerializer.SerializeToElement(skillId, SampleJsonStrings.Default.String) },
};

static PassportContext Passport(params (string Key, string Value)[] state) => new()
{
    Status = PassportStatus.Unsigned,
    Value = new CallerContext
    {
        ClientId = "hello-client",
        State = state.ToDictionary(s => s.Key, s => JsonSerializer.SerializeToElement(s.Value, SampleJsonStrings.Default.String)),
    },
};
