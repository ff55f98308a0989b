using System;
using A2AGen.Declarations.Model;
using A2AGen.Declarations.Problems;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// Checks values bound for the card: required ones must not be blank (A2AG0007), none may hold an unpaired
/// surrogate (A2AG0017), URLs must be absolute http(s) (A2AG0016). Blank optional values count as absent: the
/// card never carries an empty value.
/// </summary>
internal sealed class CardFields
{
    private readonly ProblemReporter _reporter;

    public CardFields(ProblemReporter reporter) => _reporter = reporter;

    public string? Required(string? value, string field, OwnerName owner, ProblemSite site)
    {
        if (TextRules.IsBlank(value))
        {
            _reporter.Report(ProblemDescriptors.EmptyCardField, site, field, owner.ToString());
            return null;
        }

        return CheckText(value!, field, owner, site);
    }

    public string? Optional(string? value, string field, OwnerName owner, ProblemSite site) =>
        TextRules.IsBlank(value) ? null : CheckText(value!, field, owner, site);

    public string? RequiredUrl(string? value, string field, OwnerName owner, ProblemSite site)
    {
        var text = Required(value, field, owner, site);
        return text is null ? null : CheckUrl(text, field, owner, site);
    }

    public string? OptionalUrl(string? value, string field, OwnerName owner, ProblemSite site)
    {
        var text = Optional(value, field, owner, site);
        return text is null ? null : CheckUrl(text, field, owner, site);
    }

    /// <summary>
    /// The named array argument <paramref name="argument"/>, which must have at least one element (else reported at
    /// <paramref name="site"/>); every element must be non-blank.
    /// </summary>
    public EquatableArray<string> RequiredList(AttributeArguments arguments, string argument, string field, OwnerName owner, ProblemSite site)
    {
        var values = arguments.NamedStringArray(argument);
        if (values is null || values.Length == 0)
        {
            _reporter.Report(ProblemDescriptors.EmptyCardField, site, field, owner.ToString());
            return EquatableArray<string>.Empty;
        }

        return Elements(values, arguments, argument, field, owner);
    }

    /// <summary>The named array argument <paramref name="argument"/>, possibly absent or empty (then omitted); elements present must be non-blank.</summary>
    public EquatableArray<string> OptionalList(AttributeArguments arguments, string argument, string field, OwnerName owner)
    {
        var values = arguments.NamedStringArray(argument);
        return values is null || values.Length == 0 ? EquatableArray<string>.Empty : Elements(values, arguments, argument, field, owner);
    }

    private EquatableArray<string> Elements(string?[] values, AttributeArguments arguments, string argument, string field, OwnerName owner)
    {
        // The common case: every element is fine, and the freshly read array becomes the result as it is.
        var allValid = true;
        foreach (var value in values)
        {
            allValid &= value is not null && !TextRules.IsBlank(value) && !TextRules.HasUnpairedSurrogate(value);
        }

        if (allValid)
        {
            return new EquatableArray<string>(values!);
        }

        var result = new string[values.Length];
        var count = 0;
        for (var i = 0; i < values.Length; i++)
        {
            var value = values[i];
            var element = value is not null && !TextRules.IsBlank(value) && !TextRules.HasUnpairedSurrogate(value)
                ? value
                : Required(value, field, owner, arguments.NamedSite(argument, i));
            if (element is not null)
            {
                result[count++] = element;
            }
        }

        if (count != result.Length)
        {
            Array.Resize(ref result, count);
        }

        return EquatableArray.From(result);
    }

    private string? CheckText(string value, string field, OwnerName owner, ProblemSite site)
    {
        if (TextRules.HasUnpairedSurrogate(value))
        {
            _reporter.Report(ProblemDescriptors.InvalidText, site, field, owner.ToString());
            return null;
        }

        return value;
    }

    private string? CheckUrl(string value, string field, OwnerName owner, ProblemSite site)
    {
        if (!TextRules.IsHttpUrl(value, out _, out _))
        {
            _reporter.Report(ProblemDescriptors.InvalidUrl, site, field, owner.ToString(), value);
            return null;
        }

        return value;
    }
}
