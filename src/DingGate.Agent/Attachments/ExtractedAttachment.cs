namespace DingGate.Agent.Attachments;

/// <summary>What the model reads of one file: its text, or a short note when the text cannot be had.</summary>
/// <param name="FileName">The file name shown to the model.</param>
/// <param name="FileType">A short type label (pdf, docx, text, or the MIME type).</param>
/// <param name="Text">The extracted text (possibly ending with the truncation marker), or the note.</param>
/// <param name="IsNote">True when <paramref name="Text"/> is a note instead of file content.</param>
/// <param name="Truncated">True when the text was cut at a cap.</param>
internal sealed record ExtractedAttachment(string FileName, string FileType, string Text, bool IsNote, bool Truncated);
