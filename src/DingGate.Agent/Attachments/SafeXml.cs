using System.Globalization;
using System.Xml;

namespace DingGate.Agent.Attachments;

// XmlReader settings for untrusted documents: no DTD (so no entity expansion, no billion laughs), no external
// resources, a bounded nesting depth (the reader keeps a node per open element).
internal static class SafeXml
{
    public const int MaxDepth = 256;

    public static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 1024,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        CloseInput = true,
    };

    public static void EnsureDepth(XmlReader reader)
    {
        if (reader.Depth > MaxDepth)
        {
            throw new ExtractionLimitExceededException(
                ExtractionLimit.Nesting, string.Create(CultureInfo.InvariantCulture, $"XML nested deeper than {MaxDepth} levels"));
        }
    }
}
