using System.Text.Json;
using System.Text.Json.Serialization;
using HelloAgent.Agents;

namespace HelloAgent;

/// <summary>Source-generated JSON metadata for the skills' own types: dispatch stays free of reflection.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(ConversionRequest))]
[JsonSerializable(typeof(ConversionResult))]
internal sealed partial class SampleJson : JsonSerializerContext
{
}

/// <summary>JSON metadata for plain strings (metadata and passport values built by the demo).</summary>
[JsonSerializable(typeof(string))]
internal sealed partial class SampleJsonStrings : JsonSerializerContext
{
}
