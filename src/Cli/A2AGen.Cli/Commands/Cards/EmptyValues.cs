using System.Text.Json;

namespace A2AGen.Cli.Commands.Cards;

/// <summary>
/// Finds empty strings, arrays, objects and nulls in a card (outside <c>signatures</c>). The official SDKs strip them
/// before canonicalizing; A2AGen never emits them (DESIGN §6.1), so a card with them is signed over bytes other
/// verifiers do not compute.
/// </summary>
internal static class EmptyValues
{
    public static IReadOnlyList<string> Find(byte[] cardJson)
    {
        var found = new List<string>();
        using var document = JsonDocument.Parse(cardJson);
        foreach (var member in document.RootElement.EnumerateObject())
        {
            if (member.Name != "signatures")
            {
                Walk(member.Value, "$." + member.Name, found);
            }
        }

        return found;
    }

    private static void Walk(JsonElement element, string path, List<string> found)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
            case JsonValueKind.String when element.GetString()!.Length == 0:
            case JsonValueKind.Array when element.GetArrayLength() == 0:
            case JsonValueKind.Object when !element.EnumerateObject().Any():
                found.Add(path);
                break;
            case JsonValueKind.Array:
                int index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Walk(item, $"{path}[{index++}]", found);
                }

                break;
            case JsonValueKind.Object:
                foreach (var member in element.EnumerateObject())
                {
                    Walk(member.Value, $"{path}.{member.Name}", found);
                }

                break;
        }
    }
}
