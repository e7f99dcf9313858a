"""Showing a drawn frame: only a frame that differs from the one on the display is sent to it.

Sending a frame to an X server costs several milliseconds whatever its size (under Xvfb about 5 ms for a single
pixel, 7 ms for 1920x1080), far more than drawing it (1 to 3 ms). Most frames repeat the last one (a player
thinking, an AI deciding), so comparing the drawn pixels with those last shown (a fraction of a millisecond) and
skipping the repeats makes the frame loop light, and leaves the display's time for the frames that change.
"""

from __future__ import annotations

import time

import numpy as np
import pygame

REFRESH_EVERY = 1.0  # seconds: show a frame now and then even if nothing changed (a window manager may have lost it)


class Presenter:
    """``present(window)`` after drawing a frame: True if it was sent to the display, False if it repeated the last."""

    def __init__(self) -> None:
        self._last: np.ndarray | None = None  # the pixels last shown
        self._shown_at = 0.0
        self.shown = 0
        self.skipped = 0

    def invalidate(self) -> None:
        """Show the next frame whatever it holds (the window was exposed, resized, or made full screen)."""
        self._last = None

    def present(self, window: pygame.Surface) -> bool:
        now = time.monotonic()
        if self._same(window) and now - self._shown_at < REFRESH_EVERY:
            self.skipped += 1
            return False
        pygame.display.flip()
        self._shown_at = now
        self.shown += 1
        return True

    def _same(self, window: pygame.Surface) -> bool:
        """True if ``window`` holds the pixels last shown; otherwise keeps a copy of them as the last shown."""
        try:
            buffer = window.get_buffer()  # locks the surface until it is released below
        except (pygame.error, ValueError):  # pragma: no cover - a surface without a pixel buffer: always show
            self._last = None
            return False
        pixels = np.frombuffer(buffer, dtype=np.uint32)  # a pitch is a whole number of 4-byte pixels
        try:
            if self._last is not None and self._last.shape == pixels.shape and np.array_equal(self._last, pixels):
                return True
            if self._last is None or self._last.shape != pixels.shape:
                self._last = pixels.copy()
            else:
                np.copyto(self._last, pixels)
            return False
        finally:
            del pixels, buffer  # the display may read the surface only once it is unlocked
