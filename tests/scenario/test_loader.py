"""load_scenario: valid files become a Scenario; every other file becomes issues with file, line and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.core.spec import Scenario
from game.scenario import MAX_BYTES, ScenarioError, ScenarioIssue, load_scenario
from tests.scenario.helpers import BROKEN, MINIMAL, column_of, line_of, minimal_text, variant


def issues_of(path: Path) -> list[ScenarioIssue]:
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    return caught.value.issues


def only_issue(path: Path) -> ScenarioIssue:
    issues = issues_of(path)
    assert len(issues) == 1, "\n".join(map(str, issues))
    return issues[0]


def test_the_minimal_fixture_loads_into_a_scenario() -> None:
    scenario = load_scenario(MINIMAL)

    assert isinstance(scenario, Scenario)
    assert scenario.id == "minimal"
    assert [actor.id for actor in scenario.actors] == ["east", "west", "org"]
    assert [kind.id for kind in scenario.inspections.types] == ["on_site", "satellite"]
    assert [measure.id for measure in scenario.measures] == ["hotline", "pullback"]
    assert scenario.events[0].softened_by[0].measure == "hotline"
    assert [option.id for option in scenario.events[0].responses] == ["investigate", "retaliate"]


def test_from_and_to_keys_fill_the_aliased_trust_fields() -> None:
    scenario = load_scenario(MINIMAL)

    pair = scenario.trust.pairs[0]
    assert (pair.source, pair.target, pair.value) == ("east", "west", 0.3)
    change = scenario.events[0].effects.trust[0]
    assert (change.source, change.target, change.delta) == ("east", "west", -0.05)


def test_a_path_may_be_given_as_text() -> None:
    assert load_scenario(str(MINIMAL)).id == "minimal"


def test_unquoted_dates_stay_text(tmp_path: Path) -> None:
    # YAML 1.1 would make 1997-05-12 a datetime.date, which no text field accepts.
    path = variant(tmp_path, "date: May 1997", "date: 1997-05-12")

    assert load_scenario(path).setting.date == "1997-05-12"


# Each broken file is the minimal fixture with one thing wrong, so each must
# give exactly one issue: (file, line, column, field path, part of the message).
BROKEN_FILES = [
    ("alias.yaml", 85, 12, "", "anchors and aliases (&name, *name) are not allowed"),
    ("bad_category.yaml", 106, 15, "measures[1].category", "expected one of: transparency, communication"),
    ("bad_colour.yaml", 40, 13, "actors[0].colour", "expected a colour written #rrggbb, got '#c0392'"),
    ("bad_syntax.yaml", 4, 19, "", "invalid YAML: unexpected ':' here"),
    ("dangling_actor.yaml", 124, 20, "events[0].actors[1]", "names actor 'south', which is not defined"),
    (
        "dangling_inspection_type.yaml",
        111,
        31,
        "measures[1].detection.drone",
        "names inspection type 'drone', which is not defined",
    ),
    ("dangling_measure.yaml", 131, 19, "events[0].softened_by[0].measure", "names measure 'hot_line'"),
    ("dangling_rung.yaml", 19, 15, "rules.stability.max_rung", "names rung 'calm', which is not defined"),
    (
        "descending_rungs.yaml",
        33,
        11,
        "tension.rungs[2].at",
        "rungs must rise: 'crisis' starts at 20, not above 'strained' at 25",
    ),
    ("duplicate_actor_id.yaml", 55, 9, "actors[2].id", "duplicate actor id 'east'"),
    ("duplicate_key.yaml", 52, 5, "actors[1]", "duplicate key 'name' (first given on line 51)"),
    ("duplicate_rung_id.yaml", 35, 12, "tension.rungs[3].id", "duplicate rung id 'crisis'"),
    ("empty.yaml", 0, 0, "", "the file is empty"),
    ("empty_trigger.yaml", 123, 14, "events[0].trigger", "a trigger needs round, probability or when"),
    ("missing_field.yaml", 92, 5, "measures[0]", "missing required field 'cost'"),
    ("not_utf8.yaml", 3, 16, "", "the file is not UTF-8 text: byte 0xe9"),
    ("out_of_range.yaml", 65, 12, "trust.default", "expected a number between 0 and 1, got 1.4"),
    ("python_tag.yaml", 12, 11, "briefing", "the tag '!!python/object/apply:os.system' is not allowed"),
    ("tab_indent.yaml", 24, 1, "", "tab character"),
    ("top_level_list.yaml", 2, 1, "", "the top level must be a mapping of fields"),
    ("unknown_field.yaml", 53, 5, "actors[1]", "unknown field 'colour2'; did you mean 'colour'?"),
    ("wrong_type.yaml", 42, 14, "actors[0].capital", "expected a whole number between 0 and 100, got 'lots'"),
]


@pytest.mark.parametrize(
    ("name", "line", "column", "path", "fragment"), BROKEN_FILES, ids=[row[0] for row in BROKEN_FILES]
)
def test_each_broken_file_gives_one_issue_at_the_offending_line(
    name: str, line: int, column: int, path: str, fragment: str
) -> None:
    issue = only_issue(BROKEN / name)

    assert (issue.file, issue.line, issue.column, issue.path) == (str(BROKEN / name), line, column, path)
    assert fragment in issue.message


def test_every_broken_file_is_in_the_table() -> None:
    assert sorted(path.name for path in BROKEN.iterdir()) == sorted(row[0] for row in BROKEN_FILES)


def test_a_dangling_reference_deep_in_an_event_points_at_its_value(tmp_path: Path) -> None:
    path = variant(tmp_path, "measure_in_force: pullback", "measure_in_force: pullbak")

    issue = only_issue(path)

    assert issue.path == "events[1].trigger.when.measure_in_force"
    assert (issue.line, issue.column) == (line_of(minimal_text(), "measure_in_force"), 27)
    assert "names measure 'pullbak'" in issue.message


def test_a_wrong_type_deep_in_an_event_points_at_its_value(tmp_path: Path) -> None:
    path = variant(tmp_path, "measure_in_force: pullback", "measure_in_force: [pullback]")

    issue = only_issue(path)

    assert issue.path == "events[1].trigger.when.measure_in_force"
    assert (issue.line, issue.column) == (line_of(minimal_text(), "measure_in_force"), 27)
    assert issue.message.startswith("expected an id")
    assert issue.message.endswith("got a list")


def test_a_value_inside_a_flow_mapping_points_at_its_column(tmp_path: Path) -> None:
    path = variant(
        tmp_path,
        "{id: satellite, name: Satellite imagery, cost: 1,",
        "{id: satellite, name: Satellite imagery, cost: -1,",
    )

    issue = only_issue(path)

    assert issue.path == "inspections.types[1].cost"
    text = minimal_text()
    assert issue.line == line_of(text, "id: satellite")
    assert issue.column == column_of(text, "id: satellite", "cost: 1") + len("cost: ")
    assert issue.message == "expected a whole number between 0 and 100, got -1"


def test_all_field_errors_are_reported_together_in_file_order(tmp_path: Path) -> None:
    text = minimal_text().replace("  default: 0.5", "  default: 2").replace("    posture: 3", "    posture: high")
    path = tmp_path / "two.yaml"
    path.write_text(text.replace("title: Two Valleys\n", ""), encoding="utf-8")

    issues = issues_of(path)

    assert [issue.path for issue in issues] == ["", "actors[0].posture", "trust.default"]
    assert issues[0].message == "missing required field 'title'"
    assert [issue.line for issue in issues] == sorted(issue.line for issue in issues)


def test_a_missing_field_points_at_the_mapping_that_lacks_it(tmp_path: Path) -> None:
    path = variant(tmp_path, "      false_alarm: 0.02\n", "")

    issue = only_issue(path)

    assert issue.path == "inspections.types[0]"
    assert (issue.line, issue.column) == (line_of(minimal_text(), "- id: on_site"), 7)
    assert issue.message == "missing required field 'false_alarm'"


def test_an_unknown_field_far_from_any_known_one_lists_the_known_fields(tmp_path: Path) -> None:
    path = variant(tmp_path, "  decay: 0.1\n", "  decay: 0.1\n  weather: foggy\n")

    issue = only_issue(path)

    assert issue.path == "tension"
    assert issue.message.startswith("unknown field 'weather'; known fields: start, decay, posture_weight")


def test_an_unknown_choice_lists_the_allowed_ones(tmp_path: Path) -> None:
    path = variant(tmp_path, "kind: organisation", "kind: alliance")

    assert only_issue(path).message == "expected one of: state, organisation; got 'alliance'"


def test_a_bad_key_of_a_mapping_field_points_at_the_key(tmp_path: Path) -> None:
    path = variant(tmp_path, "detection: {on_site: 0.6}", "detection: {On Site: 0.6}")

    issue = only_issue(path)

    assert issue.path == "measures[0].detection['On Site']"
    assert issue.line == line_of(minimal_text(), "detection: {on_site: 0.6}")
    assert issue.column == column_of(minimal_text(), "detection: {on_site: 0.6}", "on_site")
    assert issue.message.startswith("key 'On Site' is not valid: expected an id")


def test_a_word_yaml_reads_as_true_gets_a_hint_to_quote_it(tmp_path: Path) -> None:
    path = variant(tmp_path, "name: Westland", "name: yes")

    assert only_issue(path).message == "expected text, got true (put it in quotes to make it text)"


def test_a_model_check_reports_its_own_words(tmp_path: Path) -> None:
    path = variant(tmp_path, "  ceiling: 0.98\n", "  ceiling: 0.01\n")

    issue = only_issue(path)

    assert (issue.path, issue.message) == ("trust.floor", "floor 0.02 must be below ceiling 0.01")


def test_responders_without_responses_is_one_issue_on_the_event(tmp_path: Path) -> None:
    text = minimal_text()
    start = text.index("    responses:\n")
    path = tmp_path / "no_responses.yaml"
    path.write_text(text[:start] + text[text.index("  - id: convoy_seen") :], encoding="utf-8")

    issue = only_issue(path)

    assert issue.path == "events[0].responses"
    assert "responders and responses go together" in issue.message


def test_a_missing_file_is_one_issue_without_a_position(tmp_path: Path) -> None:
    issue = only_issue(tmp_path / "nowhere.yaml")

    assert (issue.line, issue.column, issue.message) == (0, 0, "no such file")
    assert str(issue) == f"{tmp_path / 'nowhere.yaml'}: no such file"


def test_a_folder_is_not_a_scenario_file(tmp_path: Path) -> None:
    assert only_issue(tmp_path).message == "this is a folder, not a scenario file"


def test_a_file_over_the_size_limit_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "huge.yaml"
    path.write_bytes(b"# padding\n" * (MAX_BYTES // 10 + 1))

    message = only_issue(path).message

    assert "may be at most 2,097,152 bytes" in message


def test_a_billion_laughs_file_is_refused_at_its_first_anchor(tmp_path: Path) -> None:
    path = tmp_path / "laughs.yaml"
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, 10)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    issue = only_issue(path)

    assert (issue.line, issue.column) == (1, 5)
    assert "anchors and aliases" in issue.message


def test_deep_nesting_is_refused_instead_of_exhausting_the_stack(tmp_path: Path) -> None:
    path = tmp_path / "deep.yaml"
    path.write_text("id: " + "[" * 5000 + "]" * 5000 + "\n", encoding="utf-8")

    assert "nested more than" in only_issue(path).message


def test_a_second_document_in_the_file_is_an_issue_where_it_starts(tmp_path: Path) -> None:
    path = tmp_path / "two_docs.yaml"
    path.write_text(minimal_text() + "---\nid: other\n", encoding="utf-8")

    issue = only_issue(path)

    assert issue.line == len(minimal_text().splitlines()) + 1
    assert "a second one starts here" in issue.message


def test_a_control_character_is_placed_at_its_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "control.yaml"
    path.write_text("id: minimal\ntitle: Two\x07Valleys\n", encoding="utf-8")

    issue = only_issue(path)

    assert (issue.line, issue.column) == (2, 11)
    assert issue.message == "the character U+0007 is not allowed in a YAML file"


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.yaml"
    path.write_bytes(b"\xef\xbb\xbf" + MINIMAL.read_bytes())

    assert load_scenario(path).id == "minimal"


def test_a_file_of_comments_only_is_empty(tmp_path: Path) -> None:
    path = tmp_path / "comments.yaml"
    path.write_text("# nothing here yet\n", encoding="utf-8")

    assert only_issue(path).message.startswith("the file is empty")


def test_a_scalar_top_level_names_what_it_got(tmp_path: Path) -> None:
    path = tmp_path / "scalar.yaml"
    path.write_text("just some words\n", encoding="utf-8")

    issue = only_issue(path)

    assert (issue.line, issue.column) == (1, 1)
    assert issue.message.endswith("not 'just some words'")


def test_a_bad_value_behind_an_explicit_tag_is_an_issue_not_a_crash(tmp_path: Path) -> None:
    path = variant(tmp_path, "  rounds: 6\n", "  rounds: !!int six\n")

    issue = only_issue(path)

    assert (issue.path, issue.line) == ("rules.rounds", line_of(minimal_text(), "rounds: 6"))
    assert issue.message.startswith("cannot read this value as !!int")


def test_an_issue_reads_file_line_column_path_message() -> None:
    issue = ScenarioIssue("npt.yaml", 12, 5, "events[3].actors[0]", "names actor 'x'")

    assert str(issue) == "npt.yaml:12:5: events[3].actors[0]: names actor 'x'"
    assert str(ScenarioIssue("npt.yaml", 4, 19, "", "invalid YAML")) == "npt.yaml:4:19: invalid YAML"


def test_a_scenario_error_is_a_value_error_whose_text_lists_every_issue() -> None:
    first = ScenarioIssue("a.yaml", 1, 1, "", "one")
    second = ScenarioIssue("a.yaml", 2, 1, "id", "two")

    error = ScenarioError([first, second])

    assert isinstance(error, ValueError)
    assert str(error) == "a.yaml:1:1: one\na.yaml:2:1: id: two"


def test_a_bad_byte_after_wide_characters_is_placed_by_character_not_byte(tmp_path: Path) -> None:
    path = tmp_path / "mixed.yaml"
    path.write_bytes("id: minimal\ntitle: Ünïcödé ".encode() + b"\xff\n")

    issue = only_issue(path)

    assert (issue.line, issue.column) == (2, len("title: Ünïcödé ") + 1)


def test_an_actor_named_twice_in_an_event_is_reported_at_the_repeat(tmp_path: Path) -> None:
    issue = only_issue(variant(tmp_path, "    actors: [east, west]\n", "    actors: [east, west, east]\n"))

    assert issue.path == "events[0].actors[2]"
    assert "listed twice" in issue.message


def test_an_empty_condition_is_refused_because_it_always_holds(tmp_path: Path) -> None:
    text = "      when:\n        measure_in_force: pullback\n        tension_below: crisis\n        after_round: 1\n"
    issue = only_issue(variant(tmp_path, text, "      when: {}\n"))

    assert issue.path == "events[1].trigger.when"
    assert "always holds" in issue.message


def test_an_event_changing_an_actors_trust_in_itself_is_refused(tmp_path: Path) -> None:
    issue = only_issue(
        variant(tmp_path, "{from: east, to: west, delta: -0.05}", "{from: east, to: east, delta: -0.05}")
    )

    assert issue.path == "events[0].effects.trust[0]"
    assert "trust in itself" in issue.message


def test_a_yes_is_not_a_posture(tmp_path: Path) -> None:
    text = minimal_text()
    line = next(x for x in text.splitlines(keepends=True) if x.strip().startswith("posture: ") and "{" not in x)
    issue = only_issue(variant(tmp_path, line, line.split("posture:")[0] + "posture: yes\n"))

    assert issue.path.endswith(".posture")
    assert "whole number" in issue.message or "integer" in issue.message
