"""The report as plain data: sections of paragraphs, lists, tables, figures and parts, written out as HTML or Markdown.

Building the content once and writing it twice keeps the two formats saying the same thing.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str


@dataclass(frozen=True, slots=True)
class Items:
    items: tuple[str, ...]
    ordered: bool = False


@dataclass(frozen=True, slots=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    flagged: frozenset[int] = frozenset()  # rows to draw the eye to (a defection, a violation)


@dataclass(frozen=True, slots=True)
class Figure:
    """An inline SVG chart (HTML only) with its caption."""

    svg: str
    caption: str


@dataclass(frozen=True, slots=True)
class Part:
    """A titled part of a section; ``folded`` parts start closed in HTML (long lists such as every rationale)."""

    title: str
    blocks: tuple[Block, ...]
    folded: bool = False


Block = Paragraph | Items | Table | Figure | Part


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)
