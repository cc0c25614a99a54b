"""Reads YAML into plain data and remembers the parser's line for every key and item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from cisec.content.problems import ContentError, ContentProblem, dotted

# The C loader is several times faster; the pure-Python one gives the same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]

# Aliases can make a small file expand into an enormous tree ("billion laughs"); no real
# questionnaire comes near this many nodes.
MAX_NODES = 200_000


@dataclass
class YamlDocument:
    """Parsed data plus the 1-based line where each path starts."""

    path: str
    data: Any
    lines: dict[DataPath, int] = field(default_factory=dict)

    def line_of(self, path: DataPath) -> int | None:
        """The line of `path`, or of its nearest ancestor that has one."""
        for end in range(len(path), -1, -1):
            line = self.lines.get(path[:end])
            if line is not None:
                return line
        return None

    def problem(self, path: DataPath, message: str) -> ContentProblem:
        """A problem at `path` in this document."""
        return ContentProblem(self.path, self.line_of(path), dotted(path), message)


def parse_yaml(text: str, display_path: str) -> YamlDocument:
    """Parse one YAML document; syntax errors, duplicate keys and odd keys are ContentErrors."""
    loader = _Loader(text)
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark is not None else None
            reason = error.problem or error.context or "not valid YAML"
            raise ContentError(
                [ContentProblem(display_path, line, "", f"YAML syntax: {reason}")]
            ) from None
        except yaml.YAMLError as error:
            raise ContentError([ContentProblem(display_path, None, "", f"YAML: {error}")]) from None
        if node is None:
            raise ContentError([ContentProblem(display_path, 1, "", "the file is empty")])
        document = YamlDocument(display_path, None)
        problems: list[ContentProblem] = []
        builder = _Builder(loader, document, problems)
        try:
            document.data = builder.build(node, ())
        except _TooLarge:
            line = node.start_mark.line + 1
            problems = [
                ContentProblem(
                    display_path, line, "", f"more than {MAX_NODES:,} values (aliases expanding?)"
                )
            ]
    finally:
        loader.dispose()
    if problems:
        raise ContentError(problems)
    return document


class _TooLarge(Exception):
    pass


class _Builder:
    """Builds plain data from nodes, recording lines; refuses cycles, merges and huge trees."""

    def __init__(
        self, loader: yaml.SafeLoader, document: YamlDocument, problems: list[ContentProblem]
    ) -> None:
        self.loader = loader
        self.document = document
        self.problems = problems
        self.count = 0
        self.open_nodes: set[int] = set()

    def problem(self, node: yaml.Node, path: DataPath, message: str) -> None:
        self.problems.append(
            ContentProblem(self.document.path, node.start_mark.line + 1, dotted(path), message)
        )

    def build(self, node: yaml.Node, path: DataPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooLarge
        self.document.lines.setdefault(path, node.start_mark.line + 1)
        if id(node) in self.open_nodes:
            self.problem(node, path, "an alias refers to the value that contains it")
            return None
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            if isinstance(node, yaml.SequenceNode):
                return [self.build(item, (*path, index)) for index, item in enumerate(node.value)]
            return self._scalar(node, path)
        finally:
            self.open_nodes.discard(id(node))

    def _scalar(self, node: yaml.Node, path: DataPath) -> Any:
        try:
            return self.loader.construct_object(node, deep=True)
        except (yaml.YAMLError, ValueError, TypeError, OverflowError) as error:
            reason = getattr(error, "problem", None) or str(error)
            self.problem(node, path, f"cannot read this value: {reason}")
            return None

    def _mapping(self, node: yaml.MappingNode, path: DataPath) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            line = key_node.start_mark.line + 1
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.problem(
                    key_node, path, "merge keys (<<) are not supported: write the keys out"
                )
                continue
            if not isinstance(key_node, yaml.ScalarNode):
                self.problem(key_node, path, "a key must be plain text, not a list or mapping")
                continue
            key = self._scalar(key_node, path)
            if not isinstance(key, str):
                hint = " (YAML reads a bare yes/no/on/off as true/false: quote it)"
                self.problem(
                    key_node,
                    path,
                    f"key {key!r} is not text{hint if isinstance(key, bool) else ''}",
                )
                key = str(key)
            if key in first_line:
                self.problem(
                    key_node, (*path, key), f"key repeats (first at line {first_line[key]})"
                )
                continue
            first_line[key] = line
            self.document.lines[(*path, key)] = line
            mapping[key] = self.build(value_node, (*path, key))
        return mapping
