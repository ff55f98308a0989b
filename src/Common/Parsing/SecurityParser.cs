using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using A2AGen.Declarations.Model;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>Reads the security-scheme and <c>[SecurityRequirement]</c> attributes of an agent class.</summary>
internal static class SecurityParser
{
    private const string MutualTlsDefaultDescription = "Mutual TLS: present a client certificate this agent trusts.";

    public static SecurityDeclarations Parse(INamedTypeSymbol type, OwnerName owner, ProblemReporter reporter)
    {
        var fields = new CardFields(reporter);
        var schemes = new List<SecuritySchemeSpec>();
        var declared = new List<(AttributeArguments Arguments, string?[] Schemes, List<string> Scopes)>();

        foreach (var attribute in type.GetAttributes())
        {
            reporter.CancellationToken.ThrowIfCancellationRequested();
            if (attribute.AttributeClass is not { } attributeClass)
            {
                continue;
            }

            if (KnownSymbols.IsAttribute(attribute, "SecurityRequirementAttribute"))
            {
                var arguments = new AttributeArguments(attribute, type, reporter);
                var names = arguments.ConstructorStringArray(0) ?? [];
                var scopes = fields.OptionalList(arguments, "Scopes", "scopes", owner);
                declared.Add((arguments, names, new List<string>(scopes)));
                continue;
            }

            if (!KnownSymbols.DerivesFrom(attributeClass, static t => t.Name == "SecuritySchemeAttribute" && t.ContainingNamespace?.Name == "A2AGen"))
            {
                continue;
            }

            var scheme = ParseScheme(attribute, type, owner, reporter, fields);
            if (scheme is null)
            {
                continue;
            }

            if (HasScheme(schemes, scheme.Name))
            {
                reporter.Report(ProblemDescriptors.InvalidSecurityDeclaration, ProblemSite.Constructor(attribute, type, 0), scheme.Name, "is declared more than once");
                continue;
            }

            schemes.Add(scheme);
        }

        var alternatives = new List<RequirementAlternative>();
        foreach (var (arguments, names, scopes) in declared)
        {
            var valid = new List<string>();
            for (var i = 0; i < names.Length; i++)
            {
                var name = names[i];
                if (name is null || !HasScheme(schemes, name))
                {
                    reporter.Report(ProblemDescriptors.InvalidSecurityDeclaration, arguments.ConstructorSite(0, i), name ?? "", $"is not declared on {owner}");
                }
                else if (!valid.Contains(name))
                {
                    valid.Add(name);
                }
            }

            // An empty alternative means "anonymous callers are fine" in OpenAPI terms; it would be an empty object
            // in the card, so it is left out (docs/generator.md).
            if (valid.Count > 0)
            {
                alternatives.Add(new RequirementAlternative(valid, scopes));
            }
        }

        if (declared.Count == 0 && schemes.Count > 0)
        {
            alternatives.Add(new RequirementAlternative(schemes.ConvertAll(static s => s.Name), []));
        }

        return new SecurityDeclarations(EquatableArray.From(schemes), alternatives);
    }

    private static SecuritySchemeSpec? ParseScheme(AttributeData attribute, INamedTypeSymbol type, OwnerName owner, ProblemReporter reporter, CardFields fields)
    {
        var arguments = new AttributeArguments(attribute, type, reporter);
        if (!arguments.IsValid)
        {
            return null;
        }

        var kindName = attribute.AttributeClass!.Name;
        var rawName = arguments.ConstructorString(0);
        if (TextRules.IsBlank(rawName))
        {
            reporter.Report(ProblemDescriptors.InvalidSecurityDeclaration, arguments.ConstructorSite(0), rawName ?? "", "has an empty name");
            return null;
        }

        var name = fields.Required(rawName, "securitySchemes", owner, arguments.ConstructorSite(0));
        if (name is null)
        {
            return null;
        }

        var schemeOwner = OwnerName.Of("security scheme", name, owner);
        var description = fields.Optional(arguments.NamedString("Description"), "description", schemeOwner, arguments.NamedSite("Description"));
        var spec = new SecuritySchemeSpec(
            name, SecuritySchemeKind.ApiKey, description, null, null, null, null, OAuthFlowKind.None,
            null, null, null, null, EquatableArray<OAuthScopeSpec>.Empty, false, null, null);

        switch (kindName)
        {
            case "ApiKeyAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                var location = arguments.NamedEnum("Location", 2) switch
                {
                    1 => "query",
                    2 => "cookie",
                    _ => "header",
                };
                return spec with
                {
                    Kind = SecuritySchemeKind.ApiKey,
                    ApiKeyName = fields.Required(arguments.ConstructorString(1), "name", schemeOwner, arguments.ConstructorSite(1)),
                    ApiKeyLocation = location,
                };

            case "HttpAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return spec with
                {
                    Kind = SecuritySchemeKind.HttpAuth,
                    HttpScheme = fields.Required(arguments.ConstructorString(1), "scheme", schemeOwner, arguments.ConstructorSite(1)),
                    BearerFormat = fields.Optional(arguments.NamedString("BearerFormat"), "bearerFormat", schemeOwner, arguments.NamedSite("BearerFormat")),
                };

            case "BearerAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return spec with
                {
                    Kind = SecuritySchemeKind.HttpAuth,
                    HttpScheme = "Bearer",
                    BearerFormat = fields.Optional(arguments.NamedString("BearerFormat"), "bearerFormat", schemeOwner, arguments.NamedSite("BearerFormat")),
                };

            case "BasicAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return spec with { Kind = SecuritySchemeKind.HttpAuth, HttpScheme = "Basic" };

            case "OAuth2ClientCredentialsAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return OAuth2(spec, arguments, schemeOwner, fields, OAuthFlowKind.ClientCredentials) with
                {
                    TokenUrl = fields.RequiredUrl(arguments.ConstructorString(1), "tokenUrl", schemeOwner, arguments.ConstructorSite(1)),
                };

            case "OAuth2AuthorizationCodeAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return OAuth2(spec, arguments, schemeOwner, fields, OAuthFlowKind.AuthorizationCode) with
                {
                    AuthorizationUrl = fields.RequiredUrl(arguments.ConstructorString(1), "authorizationUrl", schemeOwner, arguments.ConstructorSite(1)),
                    TokenUrl = fields.RequiredUrl(arguments.ConstructorString(2), "tokenUrl", schemeOwner, arguments.ConstructorSite(2)),
                    PkceRequired = arguments.NamedBool("PkceRequired"),
                };

            case "OAuth2DeviceCodeAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return OAuth2(spec, arguments, schemeOwner, fields, OAuthFlowKind.DeviceCode) with
                {
                    DeviceAuthorizationUrl = fields.RequiredUrl(arguments.ConstructorString(1), "deviceAuthorizationUrl", schemeOwner, arguments.ConstructorSite(1)),
                    TokenUrl = fields.RequiredUrl(arguments.ConstructorString(2), "tokenUrl", schemeOwner, arguments.ConstructorSite(2)),
                };

            case "OpenIdConnectAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                return spec with
                {
                    Kind = SecuritySchemeKind.OpenIdConnect,
                    OpenIdConnectUrl = fields.RequiredUrl(arguments.ConstructorString(1), "openIdConnectUrl", schemeOwner, arguments.ConstructorSite(1)),
                };

            case "MutualTlsAuthAttribute" when KnownSymbols.IsAttribute(attribute, kindName):
                // Without a description the scheme would be `{"mtlsSecurityScheme":{}}`, an empty object (DESIGN §6.1).
                return spec with { Kind = SecuritySchemeKind.MutualTls, Description = description ?? MutualTlsDefaultDescription };

            default:
                reporter.Report(ProblemDescriptors.InvalidSecurityDeclaration, arguments.Site, name, $"uses [{kindName}], which A2AGen cannot describe in a card; use one of the A2AGen scheme attributes");
                return null;
        }
    }

    // Loops rather than List.Exists with a lambda: the lambdas capture, so each call allocated a closure and a delegate.
    private static bool HasScheme(List<SecuritySchemeSpec> schemes, string name)
    {
        foreach (var scheme in schemes)
        {
            if (scheme.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static bool HasScope(List<OAuthScopeSpec> scopes, string name)
    {
        foreach (var scope in scopes)
        {
            if (scope.Name == name)
            {
                return true;
            }
        }

        return false;
    }

    private static SecuritySchemeSpec OAuth2(SecuritySchemeSpec spec, AttributeArguments arguments, OwnerName owner, CardFields fields, OAuthFlowKind flow)
    {
        var scopes = new List<OAuthScopeSpec>();
        var declared = arguments.NamedStringArray("Scopes");
        if (declared is not null)
        {
            for (var i = 0; i < declared.Length; i++)
            {
                var entry = fields.Required(declared[i], "scopes", owner, arguments.NamedSite("Scopes", i));
                if (entry is null)
                {
                    continue;
                }

                // "scope=description"; a scope without a description describes itself (the card has no empty values).
                var separator = entry.IndexOf('=');
                var scope = (separator < 0 ? entry : entry.Substring(0, separator)).Trim();
                var description = separator < 0 ? "" : entry.Substring(separator + 1).Trim();
                if (scope.Length == 0)
                {
                    fields.Required(null, "scopes", owner, arguments.NamedSite("Scopes", i));
                    continue;
                }

                if (HasScope(scopes, scope))
                {
                    arguments.Report(ProblemDescriptors.InvalidSecurityDeclaration, arguments.NamedSite("Scopes", i), spec.Name, $"declares scope '{scope}' more than once");
                    continue;
                }

                scopes.Add(new OAuthScopeSpec(scope, description.Length == 0 ? scope : description));
            }
        }

        return spec with
        {
            Kind = SecuritySchemeKind.OAuth2,
            Flow = flow,
            Scopes = EquatableArray.From(scopes),
            RefreshUrl = fields.OptionalUrl(arguments.NamedString("RefreshUrl"), "refreshUrl", owner, arguments.NamedSite("RefreshUrl")),
            MetadataUrl = fields.OptionalUrl(arguments.NamedString("MetadataUrl"), "oauth2MetadataUrl", owner, arguments.NamedSite("MetadataUrl")),
        };
    }
}
