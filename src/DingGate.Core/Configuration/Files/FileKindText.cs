namespace DingGate.Core.Configuration.Files;

// How a file kind is named in an error ("it is a FIFO (named pipe), not a regular file").
internal static class FileKindText
{
    public static string Of(FileKind kind) => kind switch
    {
        FileKind.Directory => "a directory",
        FileKind.Fifo => "a FIFO (named pipe)",
        FileKind.CharacterDevice => "a character device",
        FileKind.BlockDevice => "a block device",
        FileKind.Socket => "a socket",
        FileKind.Regular => "a regular file",
        _ => "not a regular file",
    };
}
