namespace DingGate.Storage.Sqlite;

// What a write needs from the commit of the batch it runs in.
internal enum SqliteCommitDurability
{
    // synchronous=NORMAL: in the WAL file (an OS write) when the caller resumes; a process crash loses nothing, a power
    // loss can drop it until the next durable commit fsyncs the WAL.
    Normal,

    // synchronous=FULL: the WAL is fsynced up to the commit before the caller resumes (the journal append in front of
    // the ACK). One durable item makes its whole batch durable: one fsync for everything in it (group commit).
    Durable,
}
