namespace DingGate.Agent.Tools.Builtin;

// What send_file (or a MEDIA: line) did: Sent with the file added to the reply, or not, and the text for the model.
internal sealed record SendFileResult(bool Sent, string Message);
