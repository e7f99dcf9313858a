"""The debrief's charts, drawn with matplotlib (a bare Figure, no pyplot) and inlined as SVG that refers to nothing outside.

Text is drawn as glyph paths (``svg.fonttype = "path"``), so the charts look the same on any machine without fonts.
Colours are the Okabe-Ito palette (safe for colour-blind readers), and lines differ by marker and dash as well.
"""

from __future__ import annotations

import io
import math
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.core.spec import Scenario
from game.report.timeline import Sample
from game.report.turning import TurningPoint

if TYPE_CHECKING:  # matplotlib is imported when a chart is drawn, not when the report package is
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.typing import RcKeyType

PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
DASHES = ("-", "--", "-.", ":")
MARKED = {  # turning points drawn on the tension line: (marker, colour, legend label)
    "violation_detected": ("X", "#D55E00", "violation detected"),
    "false_alarm": ("D", "#CC79A7", "false alarm"),
    "inspection_refused": ("s", "#E69F00", "inspection refused"),
    "crisis_defused": ("o", "#009E73", "crisis softened by a measure"),
}
_RC: dict[RcKeyType, Any] = {
    "svg.fonttype": "path",
    "svg.hashsalt": "parley",
    "font.size": 9,
    "axes.titlesize": 9,
    "legend.fontsize": 8,
}
_NO_METADATA = {"Date": None, "Creator": None, "Format": None, "Type": None}


def positions(samples: Sequence[Sample]) -> list[float]:
    """Where each sample sits on a round axis: round r spans [r - 1, r], its moves spread evenly; the end sits at r."""
    counts: dict[int, int] = {}
    for s in samples:
        counts[s.round] = counts.get(s.round, 0) + 1
    seen: dict[int, int] = {}
    out = []
    for s in samples:
        k = seen.get(s.round, 0)
        seen[s.round] = k + 1
        out.append(float(s.round) if s.phase == "debrief" else s.round - 1 + k / counts[s.round])
    return out


def style(k: int) -> dict[str, object]:
    """Colour, marker and dash for the k-th actor (in scenario order), the same in every chart."""
    return {"color": PALETTE[k % 8], "marker": MARKERS[k % 8], "linestyle": DASHES[(k // 8 + k) % 4]}


def tension_chart(scenario: Scenario, samples: Sequence[Sample], points: Sequence[TurningPoint] = ()) -> str:
    """Tension after every move against the ladder's rungs, with the turning points that moved it marked."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    x = positions(samples)
    y = [s.tension for s in samples]
    rungs = scenario.tension.rungs
    last = max(1.0, x[-1])
    top = min(100.0, max(rungs[-1].at + 10.0, max(y) + 5.0))
    with rc_context(_RC):
        fig = Figure(figsize=(8.0, 3.6), layout="constrained")
        ax = fig.add_subplot()
        for k, rung in enumerate(rungs):
            upper = rungs[k + 1].at if k + 1 < len(rungs) else top
            shade = "#D55E00" if k == len(rungs) - 1 else "#000000"
            ax.axhspan(rung.at, upper, color=shade, alpha=0.12 if k == len(rungs) - 1 else 0.03 + 0.03 * (k % 2), lw=0)
            if k:
                ax.axhline(rung.at, color="#666666", lw=0.6, ls="--")
            ax.text(last, (rung.at + min(upper, top)) / 2, _plain(rung.name) + " ", ha="right", va="center",
                    color="#444444", fontsize=8)  # fmt: skip
        ax.step(x, y, where="post", color="#0072B2", lw=1.4, label="tension")
        for kind, (marker, colour, label) in MARKED.items():
            steps = [p.step for p in points if p.kind == kind and p.step < len(samples)]
            if steps:
                ax.plot([x[s] for s in steps], [y[s] for s in steps], ls="none", marker=marker, color=colour,
                        markeredgecolor="#000000", markeredgewidth=0.5, markersize=7, label=label)  # fmt: skip
        _round_axis(ax, last)
        ax.set_ylim(0, top)
        ax.set_ylabel("tension")
        ax.set_title("Tension over time, on the escalation ladder")
        fig.legend(loc="outside lower center", ncol=len(ax.get_lines()), frameon=False)
        return _svg(fig, "tension")


def trust_chart(scenario: Scenario, samples: Sequence[Sample]) -> str:
    """Small multiples, one per actor: how far it trusts each other actor at the start of every round and the end."""
    from matplotlib import rc_context
    from matplotlib.figure import Figure

    x = positions(samples)
    picks = [k for k in range(len(samples)) if k == 0 or samples[k].round != samples[k - 1].round]
    if picks[-1] != len(samples) - 1:
        picks.append(len(samples) - 1)
    xs = [x[k] for k in picks]
    names = [a.name for a in scenario.actors]
    n = len(names)
    cols = min(3, n)
    rows = math.ceil(n / cols)
    with rc_context(_RC):
        fig = Figure(figsize=(9.0, 2.3 * rows + 0.8 + 0.2 * math.ceil(n / 4)), layout="constrained")
        axes = fig.subplots(rows, cols, sharex=True, sharey=True, squeeze=False)
        for i in range(rows * cols):
            ax = axes[i // cols][i % cols]
            if i >= n:
                ax.set_visible(False)
                continue
            for j in range(n):
                if j != i:
                    ax.plot(xs, [samples[k].trust[i][j] for k in picks], lw=1.2, markersize=4, **style(j))
            ax.set_title(_plain(_short(names[i])) + " trusts …")
            ax.set_ylim(0, 1)
            _round_axis(ax, max(1.0, x[-1]), label=False)
            ax.tick_params(labelbottom=True)
            ax.grid(axis="y", color="#dddddd", lw=0.5)
        handles = [axes[0][0].plot([], [], lw=1.2, markersize=4, **style(j))[0] for j in range(n)]
        fig.legend(
            handles, [_plain(_short(a)) for a in names], loc="outside lower center", ncol=min(4, n), frameon=False
        )
        fig.suptitle("How far each actor trusts each other actor (0 to 1), at the start of each round and the end",
                     fontsize=9)  # fmt: skip
        return _svg(fig, "trust")


def _round_axis(ax: Axes, last: float, label: bool = True) -> None:
    rounds = range(1, math.ceil(last) + 1)
    ax.set_xlim(0, last)
    ax.set_xticks([r - 0.5 for r in rounds], [str(r) for r in rounds])
    ax.tick_params(axis="x", length=0)
    for r in rounds:
        ax.axvline(r, color="#dddddd", lw=0.5, zorder=0)
    if label:
        ax.set_xlabel("round")


def _short(name: str, width: int = 28) -> str:
    return name if len(name) <= width else name[: width - 1].rstrip() + "…"


def _plain(text: str) -> str:
    """Text as matplotlib should draw it: a '$' is a dollar sign, not the start of mathematics."""
    return text.replace("$", r"\$")


def _svg(fig: Figure, prefix: str) -> str:
    out = io.StringIO()
    fig.savefig(out, format="svg", metadata=_NO_METADATA)
    return inline_svg(out.getvalue(), prefix)


def inline_svg(svg: str, prefix: str) -> str:
    """An SVG file as an element for an HTML5 page: no XML prolog, doctype, namespace declarations or comments
    (HTML does not need them, and they are the only addresses in matplotlib's output), ``xlink:href`` as plain
    ``href``, and every id prefixed so that several charts on one page cannot clash."""
    svg = re.sub(r"<\?xml[^>]*\?>|<!DOCTYPE[^>]*>|<!--.*?-->", "", svg, flags=re.S)
    svg = re.sub(r'\s+xmlns(:\w+)?="[^"]*"', "", svg)
    svg = svg.replace("xlink:href=", "href=")
    svg = re.sub(r'\bid="([^"]+)"', lambda m: f'id="{prefix}-{m.group(1)}"', svg)
    svg = re.sub(r'(href="#|url\(#)([^")]+)', lambda m: f"{m.group(1)}{prefix}-{m.group(2)}", svg)
    svg = re.sub(r"\n\s*\n", "\n", svg)
    return svg.strip()
