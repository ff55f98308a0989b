namespace A2AGen.Hosting.Tasks;

/// <summary>
/// Filtering, ordering and paging shared by the task stores, so every store lists the same way; an
/// <see cref="ITaskStore"/> implementation loads the caller's tasks and passes them through these two.
/// </summary>
public static class TaskListing
{
    /// <summary>Whether <paramref name="record"/> belongs to the query's owner and passes its filters.</summary>
    /// <param name="record">A stored task.</param>
    /// <param name="query">The listing's owner and filters.</param>
    public static bool Matches(TaskRecord record, TaskListQuery query) =>
        string.Equals(record.OwnerId, query.OwnerId, StringComparison.Ordinal)
        && (query.ContextId is null || string.Equals(record.Task.ContextId, query.ContextId, StringComparison.Ordinal))
        && (query.State is null || record.Task.Status.State == query.State)
        && (query.StatusTimestampAfter is null || record.StatusTimestamp >= query.StatusTimestampAfter);

    /// <summary>Orders the matching records (newest first), counts them, and cuts the page after the cursor.</summary>
    /// <param name="matching">The records that <see cref="Matches"/> (sorted in place).</param>
    /// <param name="query">Page size and position.</param>
    public static TaskListPage Page(List<TaskRecord> matching, TaskListQuery query)
    {
        matching.Sort(static (a, b) =>
        {
            var byTime = b.StatusTimestamp.CompareTo(a.StatusTimestamp);
            return byTime != 0 ? byTime : string.CompareOrdinal(a.TaskId, b.TaskId);
        });

        var start = 0;
        if (query.After is { } after)
        {
            while (start < matching.Count && !after.IsBefore(matching[start]))
            {
                start++;
            }
        }

        var count = Math.Min(query.PageSize, matching.Count - start);
        var items = matching.GetRange(start, count);
        var hasMore = start + count < matching.Count;
        return new TaskListPage
        {
            Items = items,
            TotalSize = matching.Count,
            Next = hasMore && count > 0 ? new TaskListCursor(items[^1].StatusTimestamp, items[^1].TaskId) : null,
        };
    }
}
