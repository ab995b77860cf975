namespace DingGate.Core.Configuration.Files;

// What a path names, as far as reading it as text goes.
internal enum FileKind
{
    Regular,
    Directory,
    Fifo,
    CharacterDevice,
    BlockDevice,
    Socket,
    Other,
}
