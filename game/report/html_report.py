"""The report as one self-contained HTML page: inline CSS and SVG, no scripts, nothing fetched from anywhere."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from game.report.document import Block, Figure, Items, Paragraph, Part, Section, Table

STYLE = """
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       max-width: 72rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; color: #1a1a1a; line-height: 1.45; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.3rem; border-bottom: 2px solid #0072b2; padding-bottom: 0.2rem; margin-top: 2.2rem; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 0.4rem; }
nav ol { columns: 3; padding-left: 1.2rem; }
table { border-collapse: collapse; margin: 0.5rem 0 1rem; font-size: 0.9rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f4f8; }
tr.flag td { background: #fdf0e6; }
figure { margin: 1rem 0; }
figure svg { max-width: 100%; height: auto; }
figcaption { font-size: 0.85rem; color: #444; }
details { margin: 0.4rem 0; }
summary { cursor: pointer; font-weight: 600; }
.meta { color: #555; }
footer { margin-top: 3rem; font-size: 0.8rem; color: #666; }
@media print { details { display: block; } nav { display: none; } }
"""


def page(title: str, subtitle: str, parts: Sequence[Section], footer: str) -> str:
    """The whole page; every text is escaped here, so nothing from a scenario or a log can become markup."""
    out = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title>",
        f"<style>{STYLE}</style>",
        "</head>",
        "<body>",
        f'<header><h1>{escape(title)}</h1><p class="meta">{escape(subtitle)}</p></header>',
        "<nav><ol>",
        *(f'<li><a href="#{escape(s.id)}">{escape(s.title)}</a></li>' for s in parts),
        "</ol></nav>",
        "<main>",
    ]
    for section in parts:
        out.append(f'<section id="{escape(section.id)}">')
        out.append(f"<h2>{escape(section.title)}</h2>")
        out += [_block(b) for b in section.blocks]
        out.append("</section>")
    out += ["</main>", f"<footer>{escape(footer)}</footer>", "</body>", "</html>", ""]
    return "\n".join(out)


def _block(block: Block) -> str:
    if isinstance(block, Paragraph):
        return f"<p>{escape(block.text)}</p>"
    if isinstance(block, Items):
        tag = "ol" if block.ordered else "ul"
        return f"<{tag}>" + "".join(f"<li>{escape(item)}</li>" for item in block.items) + f"</{tag}>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        # The SVG is ours (matplotlib's, cleaned by charts.inline_svg); its text was escaped when it was drawn.
        return f"<figure>{block.svg}<figcaption>{escape(block.caption)}</figcaption></figure>"
    assert isinstance(block, Part)
    inner = "\n".join(_block(b) for b in block.blocks)
    if block.folded:
        return f"<details><summary>{escape(block.title)}</summary>\n{inner}\n</details>"
    return f"<h3>{escape(block.title)}</h3>\n{inner}"


def _table(table: Table) -> str:
    rows = []
    if any(table.headers):
        rows.append("<thead><tr>" + "".join(f"<th>{escape(h)}</th>" for h in table.headers) + "</tr></thead>")
    rows.append("<tbody>")
    for k, row in enumerate(table.rows):
        flag = ' class="flag"' if k in table.flagged else ""
        rows.append(f"<tr{flag}>" + "".join(f"<td>{escape(cell)}</td>" for cell in row) + "</tr>")
    rows.append("</tbody>")
    return "<table>" + "\n".join(rows) + "</table>"
