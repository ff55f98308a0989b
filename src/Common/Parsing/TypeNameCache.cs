using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace A2AGen.Declarations.Parsing;

/// <summary>
/// <see cref="TypeNames"/> for one agent's skills, each distinct type spelled once: an agent's skills take and return
/// a handful of types, and the parser re-reads every agent on every compilation change, so spelling
/// <c>Task&lt;Quote&gt;</c> again for every skill was a good share of what it allocated. Lives for one parse only
/// (never shared between compilations); types are matched with nullability, so a cached name is exactly the one
/// <see cref="TypeNames"/> would build.
/// </summary>
internal sealed class TypeNameCache
{
    private readonly List<Entry> _entries = new(8);

    /// <summary><see cref="TypeNames.FullyQualified"/> with annotations.</summary>
    public string FullyQualified(ITypeSymbol type) => Get(type, global: true);

    /// <summary><see cref="TypeNames.Display"/>.</summary>
    public string Display(ITypeSymbol type) => Get(type, global: false);

    private string Get(ITypeSymbol type, bool global)
    {
        foreach (var entry in _entries)
        {
            if (entry.Global == global && SymbolEqualityComparer.IncludeNullability.Equals(entry.Type, type))
            {
                return entry.Name;
            }
        }

        var name = global ? TypeNames.FullyQualified(type) : TypeNames.Display(type);
        _entries.Add(new Entry(type, global, name));
        return name;
    }

    private readonly struct Entry
    {
        public Entry(ITypeSymbol type, bool global, string name)
        {
            Type = type;
            Global = global;
            Name = name;
        }

        public ITypeSymbol Type { get; }

        public bool Global { get; }

        public string Name { get; }
    }
}
