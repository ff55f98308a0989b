using A2AGen.Protocol;

namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Rebuilds a task from its event log the way <see cref="TaskLifecycle"/> built it: a task event replaces the state, a
/// status event sets the status (its message joins the history), an artifact event adds its parts to the artifact.
/// </summary>
internal sealed class TaskEventFolding
{
    private readonly List<Message> _history = [];
    private readonly List<(string Id, List<Part> Parts)> _artifacts = [];
    private AgentTask? _task;

    /// <summary>The task as of the events applied so far (null before the first task event).</summary>
    public AgentTask? Current => _task is null ? null : _task with
    {
        History = _history.ToArray(),
        Artifacts = _artifacts.Count == 0 ? null : _artifacts.Select(a => new Artifact { ArtifactId = a.Id, Parts = a.Parts.ToArray() }).ToArray(),
    };

    /// <summary>The task's status as of the events applied so far (null before the first task event).</summary>
    public A2AGen.Protocol.TaskStatus? Status => _task?.Status;

    /// <summary>Applies one event; false when it cannot apply (no task event first).</summary>
    public bool Apply(StreamResponse item)
    {
        if (item.Task is { } task)
        {
            _task = task;
            _history.Clear();
            _history.AddRange(task.History ?? []);
            _artifacts.Clear();
            _artifacts.AddRange((task.Artifacts ?? []).Select(a => (a.ArtifactId, a.Parts.ToList())));
            return true;
        }

        if (_task is null)
        {
            return false;
        }

        if (item.StatusUpdate is { } status)
        {
            _task = _task with { Status = status.Status };
            if (status.Status.Message is { } message)
            {
                _history.Add(message);
            }
        }
        else if (item.ArtifactUpdate is { } update)
        {
            var index = _artifacts.FindIndex(a => a.Id == update.Artifact.ArtifactId);
            if (index < 0)
            {
                _artifacts.Add((update.Artifact.ArtifactId, update.Artifact.Parts.ToList()));
            }
            else
            {
                _artifacts[index].Parts.AddRange(update.Artifact.Parts);
            }
        }

        return true;
    }
}
