using System.Text.Json;
using System.Text.Json.Nodes;

namespace A2AGen.Hosting;

/// <summary>
/// A 1.0 Agent Card → its A2A 0.3 shape: <c>protocolVersion: "0.3.0"</c>, <c>url</c> and
/// <c>preferredTransport: "JSONRPC"</c> from the JSON-RPC interface (0.3 is answered on JSON-RPC only),
/// <c>supportsAuthenticatedExtendedCard</c>, security schemes with a <c>type</c> discriminator and requirements as
/// <c>{name: [scopes]}</c>. Signatures are not carried over: the caller signs the 0.3 document itself.
/// </summary>
internal static class V03Card
{
    /// <summary>The protocol version a 0.3 card names.</summary>
    public const string ProtocolVersion = "0.3.0";

    public static JsonObject FromCard(JsonObject card)
    {
        var result = new JsonObject { ["protocolVersion"] = ProtocolVersion };
        Copy(card, result, "name", "description");
        var jsonRpc = (card["supportedInterfaces"] as JsonArray)?.OfType<JsonObject>()
            .FirstOrDefault(static i => i["protocolBinding"]?.GetValue<string>() == JsonRpcBinding.BindingName);
        result["url"] = jsonRpc?["url"]?.DeepClone();
        result["preferredTransport"] = JsonRpcBinding.BindingName;
        Copy(card, result, "provider", "version", "documentationUrl", "iconUrl");
        if (card["capabilities"] is JsonObject capabilities)
        {
            var translated = new JsonObject();
            Copy(capabilities, translated, "streaming", "pushNotifications", "extensions");
            result["capabilities"] = translated;
            if (capabilities["extendedAgentCard"] is { } extended)
            {
                result["supportsAuthenticatedExtendedCard"] = extended.DeepClone();
            }
        }
        else
        {
            result["capabilities"] = new JsonObject();
        }

        if (card["securitySchemes"] is JsonObject schemes)
        {
            var translated = new JsonObject();
            foreach (var (name, scheme) in schemes)
            {
                if (scheme is JsonObject value && Scheme(value) is { } v03)
                {
                    translated[name] = v03;
                }
            }

            result["securitySchemes"] = translated;
        }

        if (Requirements(card["securityRequirements"]) is { } security)
        {
            result["security"] = security;
        }

        Copy(card, result, "defaultInputModes", "defaultOutputModes");
        var skills = new JsonArray();
        foreach (var skill in (card["skills"] as JsonArray)?.OfType<JsonObject>() ?? [])
        {
            var translated = new JsonObject();
            Copy(skill, translated, "id", "name", "description", "tags", "examples", "inputModes", "outputModes");
            translated["tags"] ??= new JsonArray();
            if (Requirements(skill["securityRequirements"]) is { } skillSecurity)
            {
                translated["security"] = skillSecurity;
            }

            skills.Add((JsonNode)translated);
        }

        result["skills"] = skills;
        return result;
    }

    // The oneof member becomes a "type" discriminator (A2A 0.3 follows OpenAPI here).
    private static JsonObject? Scheme(JsonObject scheme)
    {
        foreach (var (member, type) in new[]
        {
            ("apiKeySecurityScheme", "apiKey"),
            ("httpAuthSecurityScheme", "http"),
            ("oauth2SecurityScheme", "oauth2"),
            ("openIdConnectSecurityScheme", "openIdConnect"),
            ("mtlsSecurityScheme", "mutualTLS"),
        })
        {
            if (scheme[member] is JsonObject value)
            {
                var result = new JsonObject { ["type"] = type };
                foreach (var (name, field) in value)
                {
                    result[name == "location" && type == "apiKey" ? "in" : name] = field?.DeepClone();
                }

                return result;
            }
        }

        return null;
    }

    // 1.0 [{schemes: {name: {list: [scopes]}}}] → 0.3 [{name: [scopes]}].
    private static JsonArray? Requirements(JsonNode? requirements)
    {
        if (requirements is not JsonArray items || items.Count == 0)
        {
            return null;
        }

        var result = new JsonArray();
        foreach (var item in items.OfType<JsonObject>())
        {
            var translated = new JsonObject();
            if (item["schemes"] is JsonObject schemes)
            {
                foreach (var (name, scopes) in schemes)
                {
                    translated[name] = (scopes as JsonObject)?["list"]?.DeepClone() ?? new JsonArray();
                }
            }

            result.Add((JsonNode)translated);
        }

        return result;
    }

    private static void Copy(JsonObject from, JsonObject to, params string[] names)
    {
        foreach (var name in names)
        {
            if (from[name] is { } value && value.GetValueKind() != JsonValueKind.Null)
            {
                to[name] = value.DeepClone();
            }
        }
    }
}
