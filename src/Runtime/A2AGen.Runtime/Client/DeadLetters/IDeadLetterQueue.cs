namespace A2AGen.Client;

/// <summary>
/// Where messages go when their delivery was given up on (<see cref="A2AClientOptions.DeadLetters"/>), to be looked at
/// and redelivered (<see cref="DeadLetterRedelivery"/>). <see cref="FileDeadLetterQueue"/> keeps one file per message;
/// <c>A2AGen.Hosting.Redis</c> keeps them in Redis. Implementations are thread-safe; ids are checked with
/// <see cref="DeadLetter.IsValidId"/>.
/// </summary>
public interface IDeadLetterQueue
{
    /// <summary>Saves <paramref name="letter"/>, replacing an entry with the same id.</summary>
    /// <param name="letter">The entry.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask SaveAsync(DeadLetter letter, CancellationToken cancellationToken = default);

    /// <summary>The entry with <paramref name="id"/>, or null.</summary>
    /// <param name="id">The entry id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not an entry id.</exception>
    /// <exception cref="InvalidDataException">The stored entry cannot be read.</exception>
    ValueTask<DeadLetter?> GetAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Every readable entry, oldest first.</summary>
    /// <param name="cancellationToken">Cancellation.</param>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the entry with <paramref name="id"/>; false when there was none.</summary>
    /// <param name="id">The entry id.</param>
    /// <param name="cancellationToken">Cancellation.</param>
    /// <exception cref="ArgumentException"><paramref name="id"/> is not an entry id.</exception>
    ValueTask<bool> RemoveAsync(string id, CancellationToken cancellationToken = default);
}
