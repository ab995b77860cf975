namespace DingGate.Storage.Tests.Contracts;

// One storage provider under test (SQLite in a temp directory, or a PostgreSQL database): the contract test classes
// open their stores through it, so every store test runs against both providers.
public abstract class StorageBackend : IDisposable
{
    // The stores over this backend's storage, as a new process would open them (a second Open while the first is
    // still open is a second process on the same storage; disposing one and opening again is a restart).
    public abstract StoreSet Open(TimeProvider? timeProvider = null);

    // Stores over storage with nothing in it (a fresh state directory, or the database emptied).
    public abstract StoreSet OpenEmpty(TimeProvider? timeProvider = null);

    public virtual void Dispose()
    {
    }
}
