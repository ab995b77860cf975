using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace DingGate.Agent.Attachments;

// PdfPig's filters, each wrapped in a BudgetedPdfFilter: every stream PdfPig decodes (page content, fonts, object and
// cross-reference streams) is charged to the file's PdfDecodeBudget, and a bomb is stopped before it is inflated.
internal sealed class BudgetedPdfFilterProvider(PdfDecodeBudget budget) : IFilterProvider
{
    private readonly IFilterProvider _inner = DefaultFilterProvider.Instance;

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(_inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(_inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(_inner.GetAllFilters());

    private List<IFilter> Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => (IFilter)new BudgetedPdfFilter(f, budget))];
}
