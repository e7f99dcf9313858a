"""With no screen, the window is refused in one line instead of running unseen."""

from __future__ import annotations

import os
import subprocess
import sys


def test_play_on_a_machine_without_a_screen_says_so_and_exits():
    env = {k: v for k, v in os.environ.items() if k not in ("SDL_VIDEODRIVER", "DISPLAY", "WAYLAND_DISPLAY")}
    done = subprocess.run([sys.executable, "-m", "game", "play", "npt"], env=env, capture_output=True, text=True,
                          timeout=60)  # fmt: skip
    assert done.returncode == 1
    ours = [line for line in done.stderr.splitlines() if line.startswith("parley:")]
    assert len(ours) == 1 and "no screen to show the window on" in ours[0] and "parley simulate" in ours[0]
    assert "Traceback" not in done.stderr
