namespace A2AGen.Fuzz;

/// <summary>Runs saved inputs (a corpus, or the crashes AFL++ found) through a target without AFL++, reporting each crash.</summary>
internal static class Replay
{
    public static int Run(string name, Action<byte[]> target, string[] paths)
    {
        var files = paths.SelectMany(p => Directory.Exists(p) ? Directory.EnumerateFiles(p, "*", SearchOption.AllDirectories) : [p])
            .Where(f => !Path.GetFileName(f).Equals("README.txt", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var crashes = 0;
        foreach (var file in files)
        {
            try
            {
                target(File.ReadAllBytes(file));
            }
            catch (Exception e)
            {
                crashes++;
                Console.Error.WriteLine($"{name}: {file}: {e.GetType().FullName}: {e.Message}");
                Console.Error.WriteLine(e.StackTrace);
            }
        }

        Console.WriteLine($"{name}: {files.Count} inputs, {crashes} crashes");
        return crashes == 0 ? 0 : 1;
    }
}
