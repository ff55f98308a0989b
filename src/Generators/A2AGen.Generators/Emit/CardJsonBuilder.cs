using A2AGen.Declarations.Model;
using A2AGen.Generators.Wire;

namespace A2AGen.Generators.Emit;

/// <summary>
/// The card as a JSON tree with the same members, names and omissions as the runtime's <c>A2AJson</c> writes for
/// the generated <c>Card</c> (camelCase, no empty values, <c>capabilities.streaming</c>/<c>pushNotifications</c>
/// always present), so <c>CardJson</c> is the RFC 8785 form of exactly that card.
/// </summary>
internal static class CardJsonBuilder
{
    public static JsonObject Build(AgentSpec agent)
    {
        var card = new JsonObject()
            .Add("name", agent.Name)
            .Add("description", agent.Description)
            .Add("supportedInterfaces", new JsonArray().Add(new JsonObject()
                .Add("url", agent.Url)
                .Add("protocolBinding", A2AProtocol.JsonRpcBinding)
                .Add("protocolVersion", A2AProtocol.Version)))
            .Add("version", agent.Version)
            .AddOptional("documentationUrl", agent.DocumentationUrl)
            .Add("capabilities", Capabilities(agent))
            .Add("defaultInputModes", JsonArray.OfStrings(agent.DefaultInputModes))
            .Add("defaultOutputModes", JsonArray.OfStrings(agent.DefaultOutputModes))
            .Add("skills", Skills(agent))
            .AddOptional("iconUrl", agent.IconUrl);

        if (agent.Provider is { } provider)
        {
            card.Add("provider", new JsonObject().Add("url", provider.Url).Add("organization", provider.Organization));
        }

        if (agent.SecuritySchemes.Count > 0)
        {
            var schemes = new JsonObject();
            foreach (var scheme in agent.SecuritySchemes)
            {
                schemes.Add(scheme.Name, Scheme(scheme));
            }

            card.Add("securitySchemes", schemes);
        }

        if (agent.SecurityRequirements.Count > 0)
        {
            card.Add("securityRequirements", Requirements(agent.SecurityRequirements));
        }

        return card;
    }

    private static JsonObject Capabilities(AgentSpec agent)
    {
        var extensions = new JsonArray();
        foreach (var extension in CardExtensions.For(agent))
        {
            var node = new JsonObject().Add("uri", extension.Uri).AddOptional("description", extension.Description);
            if (extension.Required)
            {
                node.Add("required", JsonBool.True);
            }

            if (extension.Parameters is { } parameters)
            {
                node.Add("params", parameters);
            }

            extensions.Add(node);
        }

        return new JsonObject()
            .Add("streaming", JsonBool.Of(agent.Streaming))
            .Add("pushNotifications", JsonBool.Of(agent.PushNotifications))
            .Add("extensions", extensions);
    }

    private static JsonArray Skills(AgentSpec agent)
    {
        var skills = new JsonArray();
        foreach (var skill in agent.Skills)
        {
            var node = new JsonObject()
                .Add("id", skill.Id)
                .Add("name", skill.Name)
                .Add("description", skill.Description)
                .Add("tags", JsonArray.OfStrings(skill.Tags))
                .AddOptional("examples", skill.Examples)
                .AddOptional("inputModes", skill.InputModes)
                .AddOptional("outputModes", skill.OutputModes);
            if (skill.SecurityRequirements.Count > 0)
            {
                node.Add("securityRequirements", Requirements(skill.SecurityRequirements));
            }

            skills.Add(node);
        }

        return skills;
    }

    private static JsonArray Requirements(EquatableArray<SecurityRequirementSpec> requirements)
    {
        var array = new JsonArray();
        foreach (var requirement in requirements)
        {
            var schemes = new JsonObject();
            foreach (var entry in requirement.Entries)
            {
                schemes.Add(entry.Scheme, new JsonObject().Add("list", JsonArray.OfStrings(entry.Scopes)));
            }

            array.Add(new JsonObject().Add("schemes", schemes));
        }

        return array;
    }

    private static JsonObject Scheme(SecuritySchemeSpec scheme)
    {
        switch (scheme.Kind)
        {
            case SecuritySchemeKind.ApiKey:
                return new JsonObject().Add("apiKeySecurityScheme", new JsonObject()
                    .AddOptional("description", scheme.Description)
                    .Add("location", scheme.ApiKeyLocation!)
                    .Add("name", scheme.ApiKeyName!));
            case SecuritySchemeKind.HttpAuth:
                return new JsonObject().Add("httpAuthSecurityScheme", new JsonObject()
                    .AddOptional("description", scheme.Description)
                    .Add("scheme", scheme.HttpScheme!)
                    .AddOptional("bearerFormat", scheme.BearerFormat));
            case SecuritySchemeKind.OAuth2:
                return new JsonObject().Add("oauth2SecurityScheme", new JsonObject()
                    .AddOptional("description", scheme.Description)
                    .Add("flows", new JsonObject().Add(FlowName(scheme.Flow), Flow(scheme)))
                    .AddOptional("oauth2MetadataUrl", scheme.MetadataUrl));
            case SecuritySchemeKind.OpenIdConnect:
                return new JsonObject().Add("openIdConnectSecurityScheme", new JsonObject()
                    .AddOptional("description", scheme.Description)
                    .Add("openIdConnectUrl", scheme.OpenIdConnectUrl!));
            default:
                return new JsonObject().Add("mtlsSecurityScheme", new JsonObject()
                    .AddOptional("description", scheme.Description));
        }
    }

    public static string FlowName(OAuthFlowKind flow) => flow switch
    {
        OAuthFlowKind.AuthorizationCode => "authorizationCode",
        OAuthFlowKind.DeviceCode => "deviceCode",
        _ => "clientCredentials",
    };

    private static JsonObject Flow(SecuritySchemeSpec scheme)
    {
        var flow = new JsonObject()
            .AddOptional("authorizationUrl", scheme.AuthorizationUrl)
            .AddOptional("deviceAuthorizationUrl", scheme.DeviceAuthorizationUrl)
            .Add("tokenUrl", scheme.TokenUrl!)
            .AddOptional("refreshUrl", scheme.RefreshUrl);
        if (scheme.Scopes.Count > 0)
        {
            var scopes = new JsonObject();
            foreach (var scope in scheme.Scopes)
            {
                scopes.Add(scope.Name, scope.Description);
            }

            flow.Add("scopes", scopes);
        }

        if (scheme.PkceRequired)
        {
            flow.Add("pkceRequired", JsonBool.True);
        }

        return flow;
    }
}
