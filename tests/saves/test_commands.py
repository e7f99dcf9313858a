"""parley simulate --save, resume, verify and report, as a user types them."""

from __future__ import annotations

import io

from game.cli import run
from game.core.session import Session
from game.saves import Autosave, load_save, read_save, verify_save
from game.scenario import resolve_scenario


def parley(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(argv), out, err)
    return code, out.getvalue(), err.getvalue()


def test_simulate_with_save_writes_a_verifiable_save_per_game_across_processes(tmp_path):
    code, out, _ = parley(
        "simulate", "central_asia", "--games", "3", "--seed", "5", "--jobs", "2", "--save", str(tmp_path)
    )
    assert code == 0
    paths = sorted(tmp_path.glob("*.jsonl"))
    assert [p.name for p in paths] == [f"central_asia-seed{s}.jsonl" for s in (5, 6, 7)]
    for path, line in zip(paths, out.splitlines()[:3], strict=True):
        loaded = verify_save(path)
        assert loaded.session.hash() in line  # the same game the summary line reports
    assert read_save(paths[0]).header["seats"] == {a.id: a.persona for a in resolve_scenario("central_asia").actors}


def test_simulate_save_names_the_personas_chosen_on_the_command_line(tmp_path):
    code, *_ = parley("simulate", "npt", "--persona", "usa=grudger:hard", "--save", str(tmp_path))
    assert code == 0
    assert read_save(tmp_path / "npt-seed1.jsonl").header["seats"]["usa"] == "grudger:hard"


def test_simulate_save_into_a_file_is_refused_in_one_line(tmp_path):
    target = tmp_path / "a-file"
    target.write_text("")
    code, out, err = parley("simulate", "npt", "--save", str(target))
    assert code == 1 and out == "" and err.count("\n") == 1 and "not a folder" in err


def test_resume_plays_an_unfinished_save_to_the_end_and_keeps_what_was_there(tmp_path):
    session = Session(resolve_scenario("npt"), 4, {"usa": "human"})
    with Autosave.start(session, tmp_path) as autosave:
        session.submit({"kind": "pass", "actor": session.to_move()}, "our delegation waits")
    code, out, _ = parley("resume", str(autosave.path), "--headless")
    assert code == 0 and "resumed at step 1" in out
    loaded = verify_save(autosave.path)
    assert loaded.session.over and loaded.session.log[0].rationale == "our delegation waits"
    code, out, _ = parley("resume", str(autosave.path), "--headless")
    assert code == 0 and "already over" in out


def test_resume_of_a_damaged_save_is_one_line_and_changes_nothing(tmp_path):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("not a save\n")
    code, _, err = parley("resume", str(bad), "--headless")
    assert code == 1 and err.count("\n") == 1 and "bad.jsonl:1" in err
    assert bad.read_text() == "not a save\n"


def test_report_writes_html_next_to_the_save_or_markdown_where_asked(tmp_path):
    parley("simulate", "npt", "--seed", "2", "--save", str(tmp_path))
    save = tmp_path / "npt-seed2.jsonl"
    code, out, _ = parley("report", str(save))
    assert code == 0 and (tmp_path / "npt-seed2.html").exists() and "wrote" in out
    html = (tmp_path / "npt-seed2.html").read_text()
    assert html.lstrip().lower().startswith("<!doctype html")
    code, _, _ = parley("report", str(save), "-o", str(tmp_path / "notes.md"))
    assert code == 0 and (tmp_path / "notes.md").read_text().startswith("#")
    assert load_save(save).session.over  # the save is only read


def test_report_of_a_missing_save_is_one_line(tmp_path):
    code, _, err = parley("report", str(tmp_path / "none.jsonl"))
    assert code == 1 and "no such save" in err and err.count("\n") == 1
