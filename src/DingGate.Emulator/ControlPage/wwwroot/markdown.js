// A small markdown renderer for the subset DingTalk shows (headings, emphasis, code, lists, quotes, links, images,
// tables). Input is escaped first, so bot output can never inject HTML into the control page.
(function () {
  const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  const safeUrl = (u) => (/^(https?:|@|\/)/i.test(u) ? u : '#');
  function inline(s) {
    return s
      .replace(/`([^`]+)`/g, '<code>$1</code>')
      .replace(/!\[([^\]]*)\]\(([^)\s]+)\)/g, (_, alt, url) => `<img alt="${alt}" src="${safeUrl(url)}" style="max-width:100%">`)
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, text, url) => `<a href="${safeUrl(url)}" target="_blank" rel="noopener">${text}</a>`)
      .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
      .replace(/\*([^*]+)\*/g, '<em>$1</em>');
  }
  function render(md) {
    const lines = esc(String(md ?? '')).split('\n');
    const out = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      if (/^```/.test(line)) {
        const code = [];
        i++;
        while (i < lines.length && !/^```/.test(lines[i])) code.push(lines[i++]);
        i++;
        out.push(`<pre><code>${code.join('\n')}</code></pre>`);
        continue;
      }
      if (/^\|.*\|\s*$/.test(line) && i + 1 < lines.length && /^\|[\s:|-]+\|\s*$/.test(lines[i + 1])) {
        const cells = (l) => l.trim().replace(/^\||\|$/g, '').split('|').map((c) => inline(c.trim()));
        const head = cells(line);
        i += 2;
        const rows = [];
        while (i < lines.length && /^\|.*\|\s*$/.test(lines[i])) rows.push(cells(lines[i++]));
        out.push('<table><tr>' + head.map((h) => `<th>${h}</th>`).join('') + '</tr>' +
          rows.map((r) => '<tr>' + r.map((c) => `<td>${c}</td>`).join('') + '</tr>').join('') + '</table>');
        continue;
      }
      const h = /^(#{1,6})\s+(.*)$/.exec(line);
      if (h) { out.push(`<h${h[1].length}>${inline(h[2])}</h${h[1].length}>`); i++; continue; }
      if (/^&gt;\s?/.test(line)) { out.push(`<blockquote>${inline(line.replace(/^&gt;\s?/, ''))}</blockquote>`); i++; continue; }
      if (/^\s*([-*+]|\d+\.)\s+/.test(line)) {
        const items = [];
        while (i < lines.length && /^\s*([-*+]|\d+\.)\s+/.test(lines[i])) items.push(inline(lines[i++].replace(/^\s*([-*+]|\d+\.)\s+/, '')));
        out.push('<ul>' + items.map((x) => `<li>${x}</li>`).join('') + '</ul>');
        continue;
      }
      out.push(line.trim() === '' ? '<br>' : `<div>${inline(line)}</div>`);
      i++;
    }
    return out.join('');
  }
  window.renderMarkdown = render;
})();
