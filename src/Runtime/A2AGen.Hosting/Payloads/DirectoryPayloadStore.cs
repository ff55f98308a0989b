using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace A2AGen.Hosting;

/// <summary>
/// Payloads on disk: one file per payload in a folder of their own, created owner-only (0600 in a 0700 folder on Unix),
/// written to a temporary name and renamed into place, so a reader never sees half a file. Taking renames the file to a
/// name of the taker's own first (one rename wins: single use), then reads and deletes it. A file holds a length-prefixed
/// JSON header (recipient, expiry, media type) and the content. Thread-safe and safe across processes sharing the folder.
/// </summary>
public sealed class DirectoryPayloadStore : IPayloadStore
{
    private const string Extension = ".payload";
    private readonly string _directory;
    private readonly TimeProvider _time;

    /// <summary>Creates the store, and the folder if it does not exist; on Unix the folder is made owner-only (0700).</summary>
    /// <param name="directory">The folder; nothing else should be kept in it.</param>
    /// <param name="time">The clock the expiry times are read against.</param>
    public DirectoryPayloadStore(string directory, TimeProvider time)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        ArgumentNullException.ThrowIfNull(time);
        _directory = Path.GetFullPath(directory);
        _time = time;
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(_directory);
        }
        else
        {
            // An existing folder is narrowed to its owner too: payloads are the caller's data.
            const UnixFileMode ownerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(_directory, ownerOnly);
            File.SetUnixFileMode(_directory, ownerOnly);
        }
    }

    /// <summary>The folder.</summary>
    public string DirectoryPath => _directory;

    /// <summary>The file a payload is kept in.</summary>
    /// <param name="id">The payload id.</param>
    public string PathOf(string id) => Path.Combine(_directory, Checked(id) + Extension);

    /// <inheritdoc />
    public async ValueTask StoreAsync(StoredPayload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var header = JsonSerializer.SerializeToUtf8Bytes(new Header(payload.Recipient, payload.ExpiresAt.ToUnixTimeMilliseconds(), payload.MediaType), HeaderContext.Default.Header);
        var temporary = Path.Combine(_directory, "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            await using (var file = new FileStream(temporary, OwnerOnly(FileMode.CreateNew, FileAccess.Write)))
            {
                var length = new byte[4];
                BinaryPrimitives.WriteInt32BigEndian(length, header.Length);
                await file.WriteAsync(length, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(header, cancellationToken).ConfigureAwait(false);
                await file.WriteAsync(payload.Content, cancellationToken).ConfigureAwait(false);
                await file.FlushAsync(cancellationToken).ConfigureAwait(false);
            }

            File.Move(temporary, PathOf(payload.Id), overwrite: false);
        }
        finally
        {
            File.Delete(temporary);
        }
    }

    /// <inheritdoc />
    public async ValueTask<StoredPayload?> TakeAsync(string id, CancellationToken cancellationToken)
    {
        var path = PathOf(id);
        var taken = Path.Combine(_directory, "." + Guid.NewGuid().ToString("N") + ".taken");
        try
        {
            File.Move(path, taken, overwrite: false);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        try
        {
            var bytes = await File.ReadAllBytesAsync(taken, cancellationToken).ConfigureAwait(false);
            if (bytes.Length < 4)
            {
                return null;
            }

            var headerLength = BinaryPrimitives.ReadInt32BigEndian(bytes);
            if (headerLength < 2 || headerLength > bytes.Length - 4 ||
                JsonSerializer.Deserialize(bytes.AsSpan(4, headerLength), HeaderContext.Default.Header) is not { Recipient: { } recipient } header)
            {
                return null;
            }

            var expires = DateTimeOffset.FromUnixTimeMilliseconds(header.ExpiresAt);
            return expires > _time.GetUtcNow()
                ? new StoredPayload(id, recipient, expires, header.MediaType, bytes.AsMemory(4 + headerLength))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
        finally
        {
            File.Delete(taken);
        }
    }

    private static FileStreamOptions OwnerOnly(FileMode mode, FileAccess access)
    {
        var options = new FileStreamOptions { Mode = mode, Access = access, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        return options;
    }

    private static string Checked(string id) =>
        Payloads.PayloadFormat.IsId(id) ? id : throw new ArgumentException("Not a payload id.", nameof(id));

    internal sealed record Header(string Recipient, long ExpiresAt, string? MediaType);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(DirectoryPayloadStore.Header))]
internal sealed partial class HeaderContext : System.Text.Json.Serialization.JsonSerializerContext;
