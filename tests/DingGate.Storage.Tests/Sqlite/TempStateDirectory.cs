using DingGate.Storage.Sqlite;

namespace DingGate.Storage.Tests.Sqlite;

// A fresh state directory under the temp folder, deleted (with the database files) on dispose.
internal sealed class TempStateDirectory : IDisposable
{
    public TempStateDirectory()
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dinggate-storage-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }

    public string DatabaseFile => System.IO.Path.Combine(Path, SqliteDatabase.FileName);

    public SqliteDatabase Open(TimeProvider? timeProvider = null) => SqliteDatabase.Open(Path, timeProvider ?? TimeProvider.System);

    public void Dispose()
    {
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}
