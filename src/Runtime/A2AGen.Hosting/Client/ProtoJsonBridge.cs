using A2AGen.Protocol.Serialization;
using Google.Protobuf;

namespace A2AGen.Hosting;

/// <summary>
/// Moves values between the runtime's A2A model and the <c>a2a.proto</c> messages through their common ProtoJSON form:
/// the model writes ProtoJSON (camelCase names, enum names, <c>Struct</c>/<c>Value</c> as JSON, RFC 3339 times), which
/// protobuf's parser reads, and the reverse. One mapping, the one every binding already agrees on, instead of a second
/// hand-written one per message.
/// </summary>
internal static class ProtoJsonBridge
{
    private static readonly JsonParser Parser = new(JsonParser.Settings.Default.WithIgnoreUnknownFields(true));
    private static readonly JsonFormatter Formatter = new(JsonFormatter.Settings.Default.WithFormatDefaultValues(false));

    public static TProto ToProto<TModel, TProto>(TModel value)
        where TProto : IMessage<TProto>, new() =>
        Parser.Parse<TProto>(A2AJson.Serialize(value));

    public static TModel? FromProto<TModel>(IMessage message) =>
        A2AJson.Deserialize<TModel>(Formatter.Format(message));
}
