using A2AGen.Protocol;
using A2AGen.Protocol.Serialization;

namespace A2AGen.Hosting.Tasks;

/// <summary>How much of a task a response shows: <c>historyLength</c> (spec §3.2.4) and <c>includeArtifacts</c>.</summary>
internal static class TaskViews
{
    public static AgentTask WithHistory(AgentTask task, int? historyLength)
    {
        if (historyLength is not { } length || task.History is not { } history || history.Count <= length)
        {
            return task;
        }

        return task with { History = length == 0 ? null : history.Skip(history.Count - length).ToArray() };
    }

    public static AgentTask ForListing(AgentTask task, bool includeArtifacts, int? historyLength)
    {
        var view = WithHistory(task, historyLength);
        return includeArtifacts || view.Artifacts is null ? view : view with { Artifacts = null };
    }
}

/// <summary>The ProtoJSON names of task states, for messages.</summary>
internal static class TaskStateNames
{
    private static readonly TaskStateConverter Converter = new();

    public static string Of(TaskState state) => Converter.GetName(state);
}
