using System.Text.Json;

namespace A2AGen.Security.Tests.Support;

/// <summary>
/// One Wycheproof vector file of <c>tests/TestData/wycheproof</c>, read once per test run: its cases as
/// (group, test) pairs, and a case by <c>tcId</c> (theories carry only the id, so xunit names each case readably).
/// </summary>
internal sealed class WycheproofFile(string fileName)
{
    private readonly Lazy<JsonDocument> _document = new(() => TestData.Json("wycheproof", fileName));

    /// <summary>The file's root object (e.g. for <c>numberOfTests</c>).</summary>
    public JsonElement Root => _document.Value.RootElement;

    /// <summary>Every test with the group it belongs to, in file order.</summary>
    public IEnumerable<(JsonElement Group, JsonElement Test)> Cases()
    {
        foreach (var group in Root.GetProperty("testGroups").EnumerateArray())
        {
            foreach (var test in group.GetProperty("tests").EnumerateArray())
            {
                yield return (group, test);
            }
        }
    }

    /// <summary>The <c>tcId</c> of every test, as theory data.</summary>
    public TheoryData<int> CaseIds()
    {
        var data = new TheoryData<int>();
        foreach (var (_, test) in Cases())
        {
            data.Add(TcId(test));
        }

        return data;
    }

    /// <summary>The test with this <c>tcId</c> and its group.</summary>
    public (JsonElement Group, JsonElement Test) Find(int tcId)
    {
        foreach (var (group, test) in Cases())
        {
            if (TcId(test) == tcId)
            {
                return (group, test);
            }
        }

        throw new InvalidOperationException($"tcId {tcId} not found in {fileName}");
    }

    public static int TcId(JsonElement test) => test.GetProperty("tcId").GetInt32();
}
