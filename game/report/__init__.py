"""The debrief: a game's timeline, its turning points, and the report (HTML or Markdown) built from its log.

``timeline`` and ``turning_points`` replay a log without drawing anything (the replay screen uses them too);
``render_report`` draws the charts, which is when matplotlib is loaded.
"""

from game.report.history import History, history
from game.report.render import FORMATS, render_report
from game.report.replay import ReplayError, replay
from game.report.timeline import Sample, timeline
from game.report.turning import KINDS, TurningPoint, turning_points

__all__ = [
    "FORMATS",
    "KINDS",
    "History",
    "ReplayError",
    "Sample",
    "TurningPoint",
    "history",
    "render_report",
    "replay",
    "timeline",
    "turning_points",
]
