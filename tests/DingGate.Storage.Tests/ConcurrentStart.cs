namespace DingGate.Storage.Tests;

// Runs `count` operations each on its own thread, all released at once, so they really race (the SQLite provider's
// async methods complete synchronously, so thread-pool tasks would mostly run one after another on 2 cores).
internal static class ConcurrentStart
{
    public static async Task<T[]> RunAsync<T>(int count, Func<int, Task<T>> operation)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, count)
            .Select(i => Task.Factory.StartNew(
                () =>
                {
                    start.Wait();
                    return operation(i);
                },
                CancellationToken.None,
                TaskCreationOptions.LongRunning,
                TaskScheduler.Default).Unwrap())
            .ToArray();
        start.Set();
        return await Task.WhenAll(tasks);
    }
}
