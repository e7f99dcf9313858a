"""The debrief report of a session, as a self-contained HTML page or as Markdown.

>>> html = render_report(session, seats={"usa": "human"}, notes=[(120, "Ask about the refusal")])  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Literal

from game.core.session import Session
from game.report import html_report, markdown_report
from game.report.history import history
from game.report.sections import sections
from game.report.wording import ending_label

FORMATS = ("html", "md")


def render_report(
    session: Session,
    *,
    fmt: Literal["html", "md"] = "html",
    seats: Mapping[str, str] | None = None,
    notes: Sequence[tuple[int, str]] | None = None,
) -> str:
    """The report of ``session`` as of its last move.

    ``seats`` maps actor ids to who played them at the start (``"human"`` or an AI persona such as
    ``"hardliner:normal"``); without it, the session's own record of its seats. ``notes`` are
    the instructor's bookmarks as (step, text). The log is replayed from the start to draw the timeline, so a log that
    does not replay raises ``ReplayError``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}'; formats: {', '.join(FORMATS)}")
    if seats is None:
        seats = session.seats
    past = history(session.scenario, session.seed, session.log)
    parts = sections(session, past, seats=seats, notes=list(notes or ()), charts=fmt == "html")
    state = past.final
    title = f"Debrief: {session.scenario.title}"
    subtitle = (f"Seed {session.seed}, {state.round} of {session.scenario.rules.rounds} rounds, "
                f"{len(session.log)} moves; ending: {ending_label(state.ending)}.")  # fmt: skip
    footer = f"Parley debrief report. Scenario {session.scenario.id}, seed {session.seed}; state hash after the last move {session.hash()}."
    writer = html_report if fmt == "html" else markdown_report
    return writer.page(title, subtitle, parts, footer)
