"""Errors the core raises: a refused move carries a stable code and a reason in plain words."""

from __future__ import annotations


class IllegalMove(ValueError):
    """A move that is not legal now; the state was not changed.

    ``code`` is stable (clients may branch on it); ``reason`` is for people.

    >>> IllegalMove("wrong_phase", "Kazakhstan cannot propose now: it is the responses phase").code
    'wrong_phase'
    """

    def __init__(self, code: str, reason: str) -> None:
        # Reasons are sentences for people: they start with a capital letter, whoever wrote them.
        reason = reason[:1].upper() + reason[1:]
        super().__init__(reason)
        self.code = code
        self.reason = reason

    def as_dict(self) -> dict[str, str]:
        return {"code": self.code, "reason": self.reason}


class MalformedMove(IllegalMove):
    """A move whose dict form cannot be read (missing or mistyped fields)."""

    def __init__(self, reason: str) -> None:
        super().__init__("malformed", reason)
