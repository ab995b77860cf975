namespace DingGate.Agent.Attachments;

/// <summary>The limits a file can go over while it is read (named in the note the model gets).</summary>
internal enum ExtractionLimit
{
    /// <summary><see cref="ExtractionLimits.MaxDecompressedBytes"/>.</summary>
    DecompressedBytes,

    /// <summary><see cref="ExtractionLimits.MaxParts"/>.</summary>
    Parts,

    /// <summary><see cref="ExtractionLimits.MaxPages"/>.</summary>
    Pages,

    /// <summary>XML nested deeper than <see cref="SafeXml.MaxDepth"/>.</summary>
    Nesting,

    /// <summary>A PDF page whose content would take too much memory to lay out (see <see cref="PdfDecodeBudget"/>).</summary>
    PageContent,

    /// <summary><see cref="ExtractionLimits.Timeout"/>.</summary>
    Time,
}
