"""The debrief report: every section filled, nothing hidden left hidden, nothing fetched from outside, text escaped."""

from __future__ import annotations

import re
from html import escape
from html.parser import HTMLParser

import pytest

from game.ai import play_game
from game.core import FACILITATOR as FAC
from game.core import Session, view
from game.core.moves import AssignSeat
from game.report import render_report
from tests.builders import scenario_data, tiny
from tests.report.conftest import unseen_defections

SECTIONS = ("overview", "outcome", "charts", "agreements", "hidden", "rationales", "turning-points", "debrief")
VOID = frozenset({"meta", "br", "img", "hr", "input", "link", "area", "base", "col", "embed", "source", "track", "wbr"})


class Page(HTMLParser):
    """What the tests read from a page: text and table rows by section, headings, ids, references, tag nesting."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.open: list[str] = []
        self.problems: list[str] = []
        self.section = ""
        self.text: dict[str, str] = {}
        self.rows: dict[str, list[list[str]]] = {}
        self.headings: list[str] = []
        self.ids: list[str] = []
        self.refs: list[str] = []
        self._cell: list[str] | None = None
        self._row: list[str] | None = None
        self._h2: list[str] | None = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(attrs)
        if tag == "section":
            self.section = dict(attrs).get("id") or ""
        elif tag == "tr":
            self._row = []
        elif tag in ("td", "th"):
            self._cell = []
        elif tag == "h2":
            self._h2 = []
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._attrs(attrs)

    def _attrs(self, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name == "id" and value:
                self.ids.append(value)
            if name in ("href", "src", "xlink:href", "action", "data", "poster") and value is not None:
                self.refs.append(value)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.open[-1:] or 'nothing'}")
            return
        self.open.pop()
        if tag == "tr" and self._row is not None:
            self.rows.setdefault(self.section, []).append(self._row)
            self._row = None
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append("".join(self._cell).strip())
            self._cell = None
        elif tag == "h2" and self._h2 is not None:
            self.headings.append("".join(self._h2).strip())
            self._h2 = None
        elif tag == "section":
            self.section = ""

    def handle_data(self, data: str) -> None:
        if self.section:
            self.text[self.section] = self.text.get(self.section, "") + data
        for part in (self._cell, self._h2):
            if part is not None:
                part.append(data)


@pytest.fixture(scope="module")
def html(real_game: Session) -> str:
    return render_report(real_game)


@pytest.fixture(scope="module")
def page(html: str) -> Page:
    return Page(html)


def test_the_html_report_of_a_real_game_has_every_section_filled(real_game: Session, page: Page) -> None:
    assert real_game.state.round == real_game.scenario.rules.rounds == 12
    assert len(page.headings) == len(SECTIONS)
    for section in SECTIONS:
        words = page.text.get(section, "").split()
        assert len(words) > 20, f"section '{section}' is missing or nearly empty"
    assert "notes" not in page.text  # no notes were given


def test_the_html_is_well_formed_with_unique_ids(page: Page) -> None:
    assert page.problems == []
    assert page.open == []
    assert len(page.ids) == len(set(page.ids))


def test_the_html_refers_to_nothing_outside_itself(html: str, page: Page) -> None:
    for outside in ("http:", "https:", 'src="//', "@import", "<script", "<link", "<iframe", "<img"):
        assert outside not in html, f"the report contains {outside!r}"
    ids = set(page.ids)
    for url in re.findall(r"url\(([^)]*)\)", html):
        assert url.startswith("#") and url[1:] in ids, f"url({url}) points outside the page"
    assert page.refs  # the contents and the charts' glyphs are linked within the page
    for ref in page.refs:
        assert ref.startswith("#") and ref[1:] in ids, f"{ref} names no element of the page"


def test_the_report_names_every_actor_and_asks_every_debrief_question(real_game: Session, html: str) -> None:
    for actor in real_game.scenario.actors:
        assert escape(actor.name) in html
    assert real_game.scenario.debrief_questions
    for question in real_game.scenario.debrief_questions:
        assert escape(question) in html


def test_the_report_reveals_a_defection_that_the_seats_never_saw(real_game: Session, page: Page) -> None:
    state = real_game.state
    aid, round_, party = unseen_defections(real_game)[0]
    others = [a for a in state.ids if a != state.ids[party]]
    for seat in others:  # first, it really was hidden
        agreement = next((a for a in view(state, seat)["agreements"] if a["id"] == aid), {"compliance": []})
        assert all(c["party"] != state.ids[party] for c in agreement["compliance"])
    measure = next(m.name for m in real_game.scenario.measures if m.id == state.agreement(aid).measure)
    label = f"{aid} ({measure})"
    rows = page.rows["hidden"]
    assert any(r[:3] == [state.name(party), label, str(round_)] for r in rows), "not among the defections never caught"
    decisions = next(r for r in rows if r[:2] == [label, state.name(party)])
    assert str(round_) in decisions[3].split(", ")


def test_the_charts_are_inline_svg_with_text_drawn_as_paths(html: str) -> None:
    charts = html[html.index('<section id="charts">') : html.index("</section>", html.index('<section id="charts">'))]
    assert charts.count("<svg") == 2
    assert "<text" not in charts  # glyphs as paths: the same look without any font


def test_the_report_is_the_same_every_time(real_game: Session, html: str) -> None:
    assert render_report(real_game) == html


def test_the_markdown_report_has_the_same_sections(real_game: Session, page: Page) -> None:
    markdown = render_report(real_game, fmt="md")
    assert re.findall(r"^## (.+)$", markdown, flags=re.M) == page.headings
    assert "<svg" not in markdown
    assert "| Round | At the start | Highest | At the end | Rung at the end |" in markdown
    for actor in real_game.scenario.actors:
        assert actor.name in markdown.replace("\\", "")


def test_seats_and_their_controllers_are_listed(real_game: Session) -> None:
    seats = {a.id: "human" for a in real_game.scenario.actors}
    seats[real_game.scenario.actors[0].id] = "hardliner:hard"
    rows = Page(render_report(real_game, seats=seats)).rows["overview"]
    first, second = real_game.scenario.actors[:2]
    assert [first.name, first.kind, "AI: hardliner (hard)"] in rows
    assert [second.name, second.kind, "human player"] in rows


def test_a_seat_handed_over_during_the_game_shows_both_controllers() -> None:
    session = Session(tiny(), 1, seats={"bb": "human"})
    session.submit(AssignSeat(FAC, "aa", "hardliner:hard"))
    rows = Page(render_report(session)).rows["overview"]
    assert ["Arland", "state", "AI: simple, then AI: hardliner (hard) from round 1"] in rows
    assert ["Borduria", "state", "human player"] in rows


def test_instructor_notes_are_listed_in_step_order(real_game: Session) -> None:
    notes = [(40, "Ask why the refusal came now"), (3, "Good opening")]
    page = Page(render_report(real_game, notes=notes))
    rows = page.rows["notes"]
    assert rows[0] == ["Step", "Round", "Note"]
    assert rows[1] == ["3", str(real_game.log[2].round), "Good opening"]
    assert rows[2] == ["40", str(real_game.log[39].round), "Ask why the refusal came now"]
    assert "Instructor notes" in page.headings
    markdown = render_report(real_game, fmt="md", notes=notes)
    assert "## Instructor notes" in markdown and "| 3 | 1 | Good opening |" in markdown


def test_text_from_a_scenario_or_a_note_cannot_become_markup() -> None:
    data = scenario_data(title="<script>alert(1)</script>", summary="<i>Three states</i> & an inspectorate",
                         debrief_questions=["<img src=x onerror=alert(1)>?"])  # fmt: skip
    data["actors"][0]["name"] = "Arland <b>$1 and $2</b>"  # dollars: drawn, not read as mathematics
    session = play_game(tiny(**{k: data[k] for k in ("title", "summary", "debrief_questions", "actors")}), 1)
    html = render_report(session, notes=[(1, "</section><script>x</script>")])
    for raw in ("<script", "<img", "<b>", "<i>"):
        assert raw not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "Arland &lt;b&gt;$1 and $2&lt;/b&gt;" in html
    assert Page(html).problems == []
    markdown = render_report(session, fmt="md", notes=[(1, "</section><script>x</script>")])
    assert re.search(r"(?<!\\)<", markdown) is None  # every "<" is escaped, so no viewer reads a tag
    assert r"\<script\>alert(1)\</script\>" in markdown


def test_an_unknown_format_is_refused(real_game: Session) -> None:
    with pytest.raises(ValueError, match="unknown report format 'pdf'; formats: html, md"):
        render_report(real_game, fmt="pdf")  # type: ignore[arg-type]
