"""Read scenario YAML safely and remember the line and column of every value.

The loader composes the node tree (which carries start marks), refuses what a
scenario never needs and an attacker might use (anchors and aliases, deep
nesting, tags that build objects), makes duplicate keys an error, and then
builds plain Python data with PyYAML's safe constructor.

Example:
    >>> data, where = parse_yaml("id: npt\\ntitle: NPT\\n", "npt.yaml")
    >>> where.position(("title",))
    (2, 8)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from game.scenario.errors import ScenarioError, ScenarioIssue
from game.scenario.field_errors import path_text

# A scenario is at most six or seven levels deep; the limit only has to stop
# "[[[[..." from exhausting Python's recursion in the composer.
MAX_DEPTH = 64

_MERGE_TAG = "tag:yaml.org,2002:merge"
_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"


class _Refused(yaml.MarkedYAMLError):
    """Valid YAML that a scenario file may not use; its text needs no 'invalid YAML' prefix.

    ``node`` is the value concerned, when there is one, so that the issue can
    name its field path.
    """

    def __init__(self, problem: str, mark: yaml.Mark, node: Node | None = None) -> None:
        super().__init__(None, None, problem, mark)
        self.node = node


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader without anchors, aliases, duplicate keys, deep nesting or implicit dates."""

    # No field holds a date, and an unquoted `date: 2005-05-01` read as a
    # datetime.date would be refused as "not text": keep dates as text.
    yaml_implicit_resolvers = {
        first: [(tag, regexp) for tag, regexp in resolvers if tag != _TIMESTAMP_TAG]
        for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
    }

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.depth = 0
        self.key_values: dict[Node, Any] = {}

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        event = self.peek_event()
        # Aliases are how a "billion laughs" file grows to gigabytes from a
        # few lines; anchors are useless without them.
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise _Refused(
                "anchors and aliases (&name, *name) are not allowed in a scenario file; write each value out in full",
                event.start_mark,
            )
        if self.depth >= MAX_DEPTH:
            raise _Refused(f"values are nested more than {MAX_DEPTH} levels deep", event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1

    def construct_object(self, node: Node, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep)
        except yaml.YAMLError:
            raise
        except Exception as exc:
            # Explicit tags reach plain Python: `!!int abc` raises a bare ValueError.
            why = f": {exc}" if isinstance(exc, ValueError) else ""
            message = f"cannot read this value as {_tag_name(node.tag)}{why}"
            raise _Refused(message, node.start_mark, node) from exc

    def construct_mapping(self, node: MappingNode, deep: bool = False) -> dict[Any, Any]:
        if isinstance(node, MappingNode):
            self._refuse_duplicate_keys(node)
        data = super().construct_mapping(node, deep=deep)
        if isinstance(node, MappingNode):
            # Every key (merged ones too) was just built; remember its value so
            # that field paths can be traced back to key nodes.
            for key_node, _ in node.value:
                if key_node in self.constructed_objects:
                    self.key_values[key_node] = self.constructed_objects[key_node]
        return data

    def _refuse_duplicate_keys(self, node: MappingNode) -> None:
        seen: dict[Any, Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == _MERGE_TAG:
                continue
            key = self.construct_object(key_node, deep=True)
            try:
                hash(key)
            except TypeError:
                raise _Refused(
                    "a key must be a plain value, not a list or a mapping", key_node.start_mark, node
                ) from None
            if key in seen:
                first = seen[key].start_mark.line + 1
                raise _Refused(f"duplicate key '{key}' (first given on line {first})", key_node.start_mark, node)
            seen[key] = key_node

    def refuse_tag(self, node: Node) -> Any:
        raise _Refused(
            f"the tag '{_tag_name(node.tag)}' is not allowed; a scenario file holds plain values only",
            node.start_mark,
            node,
        )


_StrictLoader.add_constructor(None, _StrictLoader.refuse_tag)


def _tag_name(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


@dataclass(frozen=True)
class YamlPositions:
    """Where each value of a parsed YAML document was written."""

    root: Node
    key_values: dict[Node, Any]

    def locate(self, path: Sequence[str | int]) -> tuple[Node, Node | None, int]:
        """The deepest node along ``path``, the key node that led to it, and how many steps matched."""
        node, key_node = self.root, None
        for steps, step in enumerate(path):
            child = self._child(node, step)
            if child is None:
                return node, key_node, steps
            key_node, node = child
        return node, key_node, len(path)

    def position(self, path: Sequence[str | int], at_key: bool = False) -> tuple[int, int]:
        """1-based (line, column) of the value at ``path`` (or of its key), or of the nearest enclosing value."""
        node, key_node, steps = self.locate(path)
        mark = key_node.start_mark if at_key and key_node is not None and steps == len(path) else node.start_mark
        return mark.line + 1, mark.column + 1

    def _child(self, node: Node, step: str | int) -> tuple[Node | None, Node] | None:
        if isinstance(node, MappingNode):
            # Later pairs win in a mapping built from merges, so look from the end.
            for key_node, value_node in reversed(node.value):
                if key_node in self.key_values and _same_key(self.key_values[key_node], step):
                    return key_node, value_node
        elif isinstance(node, SequenceNode) and isinstance(step, int) and 0 <= step < len(node.value):
            return None, node.value[step]
        return None


def _same_key(key: Any, step: str | int) -> bool:
    if isinstance(key, bool) or isinstance(step, bool):
        return key is step
    return key == step or str(key) == str(step)


def parse_yaml(text: str, file: str) -> tuple[Any, YamlPositions | None]:
    """Parse one YAML document into plain data and its positions; ``(None, None)`` when there is none.

    Raises ScenarioError, with line and column, for anything that is not
    valid YAML or that a scenario file may not use.
    """
    root: Node | None = None
    try:
        # The reader checks every character as soon as the loader is built.
        loader = _StrictLoader(text)
        try:
            root = loader.get_single_node()
            if root is None:
                return None, None
            data = loader.construct_document(root)
        finally:
            loader.dispose()
    except yaml.MarkedYAMLError as exc:
        concerned = exc.node if isinstance(exc, _Refused) else None
        path = _path_to(root, concerned) if root is not None and concerned is not None else ()
        raise ScenarioError([_marked_issue(exc, file, path_text(path))]) from None
    except yaml.reader.ReaderError as exc:
        line, column = _line_column(text, exc.position)
        code = exc.character if isinstance(exc.character, int) else ord(exc.character)
        message = f"the character U+{code:04X} is not allowed in a YAML file"
        raise ScenarioError([ScenarioIssue(file, line, column, "", message)]) from None
    except (yaml.YAMLError, RecursionError, MemoryError) as exc:
        raise ScenarioError([ScenarioIssue(file, 1, 1, "", f"cannot read this file as YAML: {exc}")]) from None
    return data, YamlPositions(root, loader.key_values)


def _line_column(text: str, offset: int) -> tuple[int, int]:
    offset = max(0, min(offset, len(text)))
    line_start = text.rfind("\n", 0, offset) + 1
    return text.count("\n", 0, offset) + 1, offset - line_start + 1


def _marked_issue(exc: yaml.MarkedYAMLError, file: str, path: str) -> ScenarioIssue:
    mark = exc.problem_mark or exc.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
    return ScenarioIssue(file, line, column, path, _yaml_words(exc))


def _path_to(root: Node, target: Node) -> tuple[str | int, ...]:
    """The field path of ``target`` in the tree, keys as written; () when it is the root or not found."""
    stack: list[tuple[Node, tuple[str | int, ...]]] = [(root, ())]
    while stack:
        node, path = stack.pop()
        if node is target:
            return path
        if isinstance(node, MappingNode):
            for key_node, value_node in node.value:
                key = key_node.value if isinstance(key_node, ScalarNode) else "?"
                stack.append((value_node, (*path, key)))
        elif isinstance(node, SequenceNode):
            stack.extend((child, (*path, index)) for index, child in enumerate(node.value))
    return ()


def _yaml_words(exc: yaml.MarkedYAMLError) -> str:
    problem = exc.problem or "unreadable YAML"
    if isinstance(exc, _Refused):
        return problem
    context = exc.context or ""
    if "'\\t'" in problem:
        return "invalid YAML: a tab character here; YAML indents with spaces, never tabs"
    if context.startswith("expected a single document"):
        return "invalid YAML: a scenario file holds one YAML document, but a second one starts here"
    if problem == "mapping values are not allowed here":
        return "invalid YAML: unexpected ':' here; check the indentation, or quote a value that contains ': '"
    if problem.startswith("expected <block end>"):
        return f"invalid YAML: {problem}; check the indentation of this line against the lines above"
    if context and exc.context_mark is not None and exc.context_mark is not exc.problem_mark:
        return f"invalid YAML: {problem} ({context} started on line {exc.context_mark.line + 1})"
    return f"invalid YAML: {problem}"
