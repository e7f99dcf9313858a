"""Colours and line styles that stay readable for colour-blind players: every signal also has a shape and a label.

The signal colours are the Okabe-Ito palette. Trust is drawn as colour, weight and dash together, and
always with its number; tension as a ladder of named rungs with the current one marked by an arrow.
"""

from __future__ import annotations

from dataclasses import dataclass

BACKGROUND = (18, 26, 36)
BOARD = (24, 35, 49)
PANEL = (28, 40, 55)
INK = (238, 242, 246)
MUTED = (170, 184, 200)
GRID = (60, 78, 100)

ORANGE = (230, 159, 0)
SKY = (86, 180, 233)
GREEN = (0, 158, 115)
YELLOW = (240, 228, 66)
BLUE = (0, 114, 178)
VERMILLION = (213, 94, 0)
PURPLE = (204, 121, 167)


@dataclass(frozen=True, slots=True)
class Stroke:
    """How a trust line is drawn: colour, width in pixels at scale 1, dashed or not, and its word."""

    colour: tuple[int, int, int]
    width: int
    dashed: bool
    word: str


def trust_stroke(trust: float) -> Stroke:
    """Low trust is a thin dashed vermillion line, middling a solid yellow one, high a thick solid blue one."""
    if trust < 0.35:
        return Stroke(VERMILLION, 2, True, "low")
    if trust < 0.65:
        return Stroke(YELLOW, 3, False, "some")
    return Stroke(SKY, 6, False, "high")


def rung_shade(index: int, count: int) -> tuple[int, int, int]:
    """Rungs darken and warm as they climb (luminance changes too, so the order reads in greyscale)."""
    t = index / max(1, count - 1)
    low, high = (70, 120, 150), (150, 40, 20)
    return tuple(round(a + (b - a) * t) for a, b in zip(low, high, strict=True))  # type: ignore[return-value]


def hex_colour(text: str) -> tuple[int, int, int]:
    """``#RRGGBB`` (a scenario actor's colour) as an RGB tuple."""
    text = text.lstrip("#")
    return int(text[0:2], 16), int(text[2:4], 16), int(text[4:6], 16)


def readable_on(colour: tuple[int, int, int]) -> tuple[int, int, int]:
    """Black or white, whichever reads better on ``colour``."""
    r, g, b = colour
    return (0, 0, 0) if 0.299 * r + 0.587 * g + 0.114 * b > 150 else (255, 255, 255)
