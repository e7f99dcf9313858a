"""Damaged, edited or foreign saves: each gives one clear error naming the line, and exit 1 from the CLI."""

from __future__ import annotations

import io
import json

import pytest

from game.cli import run
from game.saves import SaveError, load_save, read_save, resume_save, verify_save
from game.saves.format import MAX_LINE, encode
from tests.saves.helpers import lines, saved_game


@pytest.fixture
def save(tmp_path):
    return saved_game(tmp_path, "central_asia", 4)[1]


def rewrite(path, edit):
    parts = lines(path)
    path.write_bytes(b"".join(edit(parts)))


def refused(path, *fragments, command="verify"):
    with pytest.raises(SaveError) as info:
        verify_save(path)
    message = str(info.value)
    assert "\n" not in message and str(path) in message
    for fragment in fragments:
        assert fragment in message, message
    out, err = io.StringIO(), io.StringIO()
    assert run([command, str(path)], out, err) == 1
    assert err.getvalue().startswith("parley: error: ") and "Traceback" not in err.getvalue()
    assert err.getvalue().count("\n") == 1
    return message


def test_a_whole_save_verifies(save):
    out, err = io.StringIO(), io.StringIO()
    assert run(["verify", str(save)], out, err) == 0
    assert out.getvalue().startswith("ok: ") and "every state hash matches" in out.getvalue()


def test_a_flipped_byte_is_caught_by_the_line_checksum(save):
    data = bytearray(save.read_bytes())
    at = data.index(b'"rationale":"') + 14  # inside some AI's rationale: nothing else would notice
    data[at] ^= 0x01
    save.write_bytes(bytes(data))
    refused(save, ":2", "checksum mismatch")


def test_a_hand_edited_move_with_a_recomputed_checksum_is_caught_by_the_state_hash(save):
    def edit(parts):
        record = json.loads(parts[5])
        record["move"] = {"kind": "pass", "actor": record["move"]["actor"]} if record["move"]["kind"] != "pass" else \
            {"kind": "dialogue", "actor": record["move"]["actor"], "act": "reassure", "to": ["russia"]}  # fmt: skip
        parts[5] = encode(record)
        return parts

    rewrite(save, edit)
    message = refused(save, ":6", "step 5")
    assert "not legal" in message or "hash differs" in message


def test_a_reordered_line_is_named(save):
    def swap(parts):
        parts[3], parts[4] = parts[4], parts[3]
        return parts

    rewrite(save, swap)
    refused(save, ":4", "step 4 where step 3 was expected")


def test_a_missing_line_is_named(save):
    rewrite(save, lambda parts: parts[:7] + parts[8:])
    refused(save, ":8", "step 8 where step 7 was expected")


def test_a_wrong_format_version_is_refused(save):
    def bump(parts):
        header = json.loads(parts[0])
        header["format"] = 99
        return [encode(header), *parts[1:]]

    rewrite(save, bump)
    refused(save, ":1", "unknown save format version 99", "reads versions 1 to 2")


def test_an_empty_file_is_not_a_save(tmp_path):
    path = tmp_path / "empty.jsonl"
    path.write_bytes(b"")
    refused(path, "empty")


def test_a_file_that_is_not_json_is_not_a_save(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text("Round 1: the USA proposed a hotline.\n")
    refused(path, ":1", "not valid JSON")


def test_a_json_file_that_is_not_a_save_is_refused(tmp_path):
    path = tmp_path / "other.jsonl"
    path.write_text('{"name": "something else"}\n')
    refused(path, ":1", "unknown line type")


def test_binary_junk_is_refused(tmp_path):
    path = tmp_path / "junk.jsonl"
    path.write_bytes(bytes(range(256)) * 4)
    refused(path, ":1")


def test_a_huge_line_is_refused_without_reading_it_all(tmp_path, save):
    with open(save, "ab") as f:
        f.write(b'{"type":"note","text":"' + b"x" * (MAX_LINE + 10))
        f.write(b'"}\n{"type":"note"}\n')
    refused(save, "longer than 32 MiB")


def test_a_missing_file_and_a_folder_are_named(tmp_path):
    refused(tmp_path / "nope.jsonl", "no such save")
    refused(tmp_path, "is a folder")


def test_a_header_with_an_edited_scenario_is_refused(save):
    def edit(parts):
        header = json.loads(parts[0])
        header["scenario"]["rules"]["rounds"] += 1
        return [encode(header), *parts[1:]]

    rewrite(save, edit)
    refused(save, ":1", "embedded scenario does not match its hash")


def test_a_save_pinned_to_a_different_version_of_the_scenario_is_refused(save):
    def pin(parts):
        header = json.loads(parts[0])
        del header["scenario"]
        header["scenario_hash"] = "0" * 64
        return [encode(header), *parts[1:]]

    rewrite(save, pin)
    refused(save, ":1", "different version of scenario 'central_asia'")


def test_a_save_pinned_to_the_builtin_scenario_loads_it(save):
    def pin(parts):
        header = json.loads(parts[0])
        del header["scenario"]
        return [encode(header), *parts[1:]]

    rewrite(save, pin)
    assert verify_save(save).session.scenario.id == "central_asia"


def test_a_save_given_with_another_scenario_is_refused(save):
    from game.scenario import resolve_scenario

    with pytest.raises(SaveError, match="different scenario"):
        read_save(save, resolve_scenario("npt"))


def test_two_saves_joined_together_are_refused(tmp_path, save):
    other = saved_game(tmp_path, "npt", 1)[1]
    save.write_bytes(save.read_bytes() + other.read_bytes())
    refused(save, "second header")


def test_a_snapshot_that_does_not_match_its_step_is_refused(save):
    def edit(parts):
        k = next(i for i, p in enumerate(parts) if b'"type":"snapshot"' in p)
        record = json.loads(parts[k])
        record["state"]["tension"] += 1.0
        parts[k] = encode(record)
        return parts

    rewrite(save, edit)
    refused(save, "snapshot of step 100 does not match")


def test_a_truncated_last_line_is_reported_and_the_game_resumes_from_the_last_whole_move(tmp_path):
    from game.ai import play_game
    from game.core.session import Session
    from game.saves import Autosave
    from game.scenario import resolve_scenario

    scenario = resolve_scenario("npt")
    finished = play_game(scenario, 6)
    session = Session(scenario, 6)
    with Autosave.start(session, tmp_path) as autosave:
        for entry in finished.log[:40]:
            session.submit(entry.move, entry.rationale)
    data = autosave.path.read_bytes()
    autosave.path.write_bytes(data[:-25])  # the last move was being written when the power went
    loaded = load_save(autosave.path)
    assert len(loaded.session.log) == 39
    assert len(loaded.warnings) == 1 and "cut off" in loaded.warnings[0] and ":41" in loaded.warnings[0]
    loaded, autosave = resume_save(autosave.path)
    with autosave:
        loaded.session.submit(finished.log[39].move, finished.log[39].rationale)
    again = verify_save(autosave.path)
    assert len(again.session.log) == 40 and not again.warnings
    assert again.session.log[-1].hash == finished.log[39].hash


def test_a_move_line_with_an_edited_round_phase_or_author_is_refused(tmp_path):
    for key, value, fragment in (("round", 5, "says it was made in round 5"), ("phase", "events", "events phase"),
                                 ("by", "iaea", "the move line says it is by")):  # fmt: skip
        path = saved_game(tmp_path / key, "npt", 2)[1]

        def edit(parts, key=key, value=value):
            record = json.loads(parts[3])
            record[key] = value if record[key] != value else "usa"
            parts[3] = encode(record)
            return parts

        rewrite(path, edit)
        refused(path, ":4", fragment)


@pytest.mark.parametrize(
    ("junk", "fragment"),
    [(b"[" * 5000 + b"\n", "nested too deeply"), (b'{"type":"move","step":' + b"9" * 5000 + b"}\n", "number too long")],
)
def test_pathological_json_is_refused_in_one_line(tmp_path, save, junk, fragment):
    for target in (tmp_path / "alone.jsonl", save):  # as the whole file, and as a line after whole ones
        with open(target, "ab") as f:
            f.write(junk)
        refused(target, fragment)


def test_a_damaged_last_line_is_not_mistaken_for_one_cut_off_by_a_crash(save):
    data = save.read_bytes()
    save.write_bytes(data[:-1] + b"x")  # the final newline flipped: whole JSON, then junk
    refused(save, "not valid JSON", "Extra data")


def test_a_pinned_save_may_only_name_a_builtin_scenario(save, tmp_path):
    def pin(parts):
        header = json.loads(parts[0])
        del header["scenario"]
        header["scenario_id"] = "../../../etc/passwd"
        return [encode(header), *parts[1:]]

    rewrite(save, pin)
    message = refused(save, ":1", "is not a built-in scenario")
    assert "root:" not in message


def test_a_report_never_overwrites_its_save(save):
    before = save.read_bytes()
    out, err = io.StringIO(), io.StringIO()
    assert run(["report", str(save), "-o", str(save)], out, err) == 1
    assert "would overwrite the save" in err.getvalue() and save.read_bytes() == before


def test_simulate_into_a_folder_it_cannot_write_is_one_line():
    out, err = io.StringIO(), io.StringIO()
    assert run(["simulate", "npt", "--save", "/proc/self"], out, err) == 1
    assert err.getvalue().startswith("parley: error: /proc/self") and err.getvalue().count("\n") == 1


@pytest.mark.parametrize("command", ["verify", "resume", "report"])
def test_bytes_flipped_anywhere_are_refused_by_every_command(tmp_path, command):
    original = saved_game(tmp_path, "npt", 9)[1].read_bytes()
    target = tmp_path / "flipped.jsonl"
    for k in range(25):
        at = (k * 7919 + 13) % len(original)  # spread over the whole file, header and snapshots included
        data = bytearray(original)
        data[at] ^= 0x04
        target.write_bytes(bytes(data))
        out, err = io.StringIO(), io.StringIO()
        code = run([command, str(target), *(["--headless"] if command == "resume" else [])], out, err)
        assert code == 1, f"a flip at byte {at} passed {command}: {out.getvalue()} {err.getvalue()}"
        assert err.getvalue().startswith("parley: error: ") and err.getvalue().count("\n") == 1


def test_a_save_cut_anywhere_in_its_last_lines_loads_to_its_last_whole_move(tmp_path):
    session, path = saved_game(tmp_path, "central_asia", 3)
    original = path.read_bytes()
    ends = [i + 1 for i, b in enumerate(original) if b == 0x0A]
    for cut in range(ends[-4] + 1, len(original), 61):  # inside each of the last three lines
        path.write_bytes(original[:cut])
        loaded = load_save(path)
        whole = sum(1 for e in ends if e <= cut)
        assert len(loaded.warnings) == (0 if cut in ends else 1)
        assert loaded.session.log == session.log[: len(loaded.session.log)]
        assert len(loaded.session.log) >= len(session.log) - 3 and whole >= 1
