"""The report as Markdown to paste into course notes: the same sections, tables and lists, without the charts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from game.report.document import Block, Figure, Items, Paragraph, Part, Section, Table

_SPECIAL = re.compile(r"([\\`*_\[\]<>|#&])")


def escape(text: str) -> str:
    """Text that Markdown shows as written: its markup characters (and any HTML) backslash-escaped, on one line."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def page(title: str, subtitle: str, parts: Sequence[Section], footer: str) -> str:
    out = [f"# {escape(title)}", "", escape(subtitle), ""]
    for section in parts:
        out += [f"## {escape(section.title)}", ""]
        for block in section.blocks:
            out += _block(block)
    out += ["---", "", escape(footer), ""]
    return "\n".join(out)


def _block(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [escape(block.text), ""]
    if isinstance(block, Items):
        marks = [f"{k}." if block.ordered else "-" for k in range(1, len(block.items) + 1)]
        return [f"{mark} {escape(item)}" for mark, item in zip(marks, block.items, strict=True)] + [""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Figure):
        return []  # charts are for the HTML page; the tables beside them carry the numbers
    assert isinstance(block, Part)
    lines = [f"### {escape(block.title)}", ""]
    for b in block.blocks:
        lines += _block(b)
    return lines


def _table(table: Table) -> list[str]:
    if not any(table.headers):  # a table of names and values reads better as a list
        return [f"- {escape(row[0])}: {escape(' '.join(row[1:]))}" for row in table.rows] + [""]
    lines = ["| " + " | ".join(escape(h) for h in table.headers) + " |", "|" + " --- |" * len(table.headers)]
    lines += ["| " + " | ".join(escape(cell) for cell in row) + " |" for row in table.rows]
    return [*lines, ""]
