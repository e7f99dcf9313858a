"""Many AI games at once: play them (across processes if asked) and summarise endings, scores and personas."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from game.ai.personas import build, parse_choice
from game.ai.play import play_game, seat_ais
from game.core.scoring import ENDINGS
from game.core.session import Session
from game.core.spec import Scenario


def check_choices(scenario: Scenario, choices: Mapping[str, str]) -> None:
    """Refuse an unknown actor, persona or difficulty before any game is played (raises ValueError)."""
    ids = [a.id for a in scenario.actors]
    for actor, choice in choices.items():
        if actor not in ids:
            raise ValueError(
                f"--persona names actor '{actor}', which is not in {scenario.id}; actors: {', '.join(ids)}"
            )
        name, level = parse_choice(choice)
        build(name, None, level)


Keep = Callable[[Session, Mapping[str, str]], Any]  # given each finished game and who sat where (e.g. a saver)


def play_one(scenario: Scenario, seed: int, choices: Mapping[str, str], keep: Keep | None = None) -> dict[str, Any]:
    """One game's record: its outcome plus the persona on each seat. ``keep`` (picklable) sees every game."""
    ais = seat_ais(scenario, choices)
    session = play_game(scenario, seed, ais)
    if keep is not None:
        keep(session, {a.id: choices.get(a.id, a.persona) for a in scenario.actors})
    record = session.outcome()
    for actor, ai in ais.items():
        record["actors"][actor]["persona"] = ai.name
    return record


def _play_star(args: tuple[Scenario, int, Mapping[str, str], Keep | None]) -> dict[str, Any]:
    return play_one(*args)


def play_many(scenario: Scenario, seeds: Sequence[int], choices: Mapping[str, str] | None = None, jobs: int = 1,
              progress: Callable[[int, int], None] | None = None, keep: Keep | None = None) -> list[dict[str, Any]]:  # fmt: skip
    """Play a game per seed, in seed order; ``jobs`` > 1 spreads them over processes (same results either way)."""
    choices = dict(choices or {})
    records: list[dict[str, Any]] = []
    work = [(scenario, seed, choices, keep) for seed in seeds]
    if jobs <= 1:
        results = map(_play_star, work)
        for record in results:
            records.append(record)
            if progress:
                progress(len(records), len(work))
        return records
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for record in pool.map(_play_star, work, chunksize=max(1, len(work) // (jobs * 8))):
            records.append(record)
            if progress:
                progress(len(records), len(work))
    return records


def summarise(records: list[dict[str, Any]]) -> dict[str, Any]:
    """Endings, each actor's score (mean, spread, wins) and record, and each persona's record."""
    games = len(records)
    endings = {e: sum(1 for r in records if r["ending"] == e) for e in ENDINGS}
    actors: dict[str, dict[str, Any]] = {}
    personas: dict[str, dict[str, Any]] = {}
    for record in records:
        top = max(a["score"] for a in record["actors"].values())
        for actor, a in record["actors"].items():
            entry = actors.setdefault(actor, {"persona": set(), "scores": [], "wins": 0, "signed": 0,
                                              "violations": 0, "detected": 0})  # fmt: skip
            entry["persona"].add(a["persona"])
            entry["scores"].append(a["score"])
            entry["wins"] += a["score"] == top
            for key in ("signed", "violations", "detected"):
                entry[key] += a[key]
            p = personas.setdefault(a["persona"], {"seats": 0, "wins": 0, "scores": []})
            p["seats"] += 1
            p["wins"] += a["score"] == top
            p["scores"].append(a["score"])
    return {
        "games": games,
        "endings": endings,
        "actors": {
            actor: {
                "persona": ", ".join(sorted(e["persona"])),
                "mean": statistics.fmean(e["scores"]),
                "sd": statistics.pstdev(e["scores"]),
                "win_share": e["wins"] / games,
                "signed": e["signed"] / games,
                "violations": e["violations"] / games,
                "detected": e["detected"] / games,
            }
            for actor, e in actors.items()
        },
        "personas": {
            name: {"seats": p["seats"], "win_share": p["wins"] / p["seats"], "mean": statistics.fmean(p["scores"])}
            for name, p in sorted(personas.items())
        },
        "agreements_signed": statistics.fmean(r["agreements_signed"] for r in records),
        "violations": statistics.fmean(r["violations"] for r in records),
        "violations_detected": statistics.fmean(r["violations_detected"] for r in records),
    }


def format_summary(summary: dict[str, Any]) -> str:
    games = summary["games"]
    lines = [
        f"{games} games: " + ", ".join(f"{e.replace('_', ' ')} {n} ({n / games:.0%})" for e, n in summary["endings"].items()),
        f"per game: {summary['agreements_signed']:.1f} agreements signed, {summary['violations']:.1f} violations "
        f"committed, {summary['violations_detected']:.1f} detected",
        "",
        f"{'actor':<12} {'persona':<22} {'mean score':>10} {'sd':>8} {'wins':>6} {'signed':>7} {'violations':>10} "
        f"{'detected':>8}",
    ]  # fmt: skip
    for actor, a in summary["actors"].items():
        lines.append(f"{actor:<12} {a['persona']:<22} {a['mean']:>10.2f} {a['sd']:>8.2f} {a['win_share']:>6.0%} "
                     f"{a['signed']:>7.1f} {a['violations']:>10.1f} {a['detected']:>8.1f}")  # fmt: skip
    lines += ["", f"{'persona':<22} {'seats':>6} {'wins':>6} {'mean score':>10}"]
    for name, p in summary["personas"].items():
        lines.append(f"{name:<22} {p['seats']:>6} {p['win_share']:>6.0%} {p['mean']:>10.2f}")
    return "\n".join(lines)
