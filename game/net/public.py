"""The public view (for spectators and the projector): what every seat may see, and no seat's secrets.

The core's ``view`` serves actors, the facilitator and the debrief; there is no seat for "nobody". The public
view is derived from the first actor's view by taking out what only that actor sees: its private fields, its
compliance choices and intelligence, proposals not yet made public, and notices addressed to it (which notices
those are is read from the state's notice list; the notices themselves are the view's).
"""

from __future__ import annotations

from typing import Any

from game.core.session import Session
from game.core.state import PROPOSED

SPECTATOR = "spectator"
PRIVATE_ACTOR_FIELDS = ("briefing", "private_objectives", "capital", "security", "score", "trust")
_NOT_YET_PUBLIC = (PROPOSED, "rejected", "countered", "withdrawn")  # unless signed by someone (as the core says)


def public_view(session: Session, full: bool = True) -> dict[str, Any]:
    """The state as a spectator may see it: the intersection of what every seat sees, as plain data."""
    seat = session.scenario.actors[0].id
    seen = session.view(seat, full)
    out = dict(seen)
    out["seat"] = SPECTATOR
    out["actors"] = [
        {k: v for k, v in actor.items() if k not in PRIVATE_ACTOR_FIELDS} if actor["id"] == seat else actor
        for actor in seen["actors"]
    ]
    out["agreements"] = [
        {**a, "compliance": []} for a in seen["agreements"] if a["status"] not in _NOT_YET_PUBLIC or a["parties"]
    ]
    out.pop("intel", None)
    # The seat's notices are, in order, the state's notices addressed to no one or to it: keep the first kind,
    # in the view's own form.
    me = session.state.index[seat]
    visible = [n for n in session.state.notices if n.to is None or me in n.to] if full else []
    out["notices"] = [shown for n, shown in zip(visible, seen["notices"], strict=True) if n.to is None]
    return out
