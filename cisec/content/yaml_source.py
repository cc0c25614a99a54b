"""Reads YAML into plain data and remembers the parser's line for every key and item."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from cisec.content.problems import ContentError, ContentProblem, dotted

# The C loader is several times faster; the pure-Python one gives the same nodes and marks.
_Loader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

DataPath = tuple[str | int, ...]


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
            raise ContentError([ContentProblem(display_path, line, "", f"YAML syntax: {reason}")])
        except yaml.YAMLError as error:
            raise ContentError([ContentProblem(display_path, None, "", f"YAML: {error}")])
        if node is None:
            raise ContentError([ContentProblem(display_path, 1, "", "the file is empty")])
        document = YamlDocument(display_path, None)
        problems: list[ContentProblem] = []
        document.data = _build(loader, node, (), document, problems)
    finally:
        loader.dispose()
    if problems:
        raise ContentError(problems)
    return document


def _build(
    loader: yaml.SafeLoader,
    node: yaml.Node,
    path: DataPath,
    document: YamlDocument,
    problems: list[ContentProblem],
) -> Any:
    document.lines.setdefault(path, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            key = loader.construct_object(key_node, deep=True)  # type: ignore[no-untyped-call]
            line = key_node.start_mark.line + 1
            if not isinstance(key, str):
                hint = " (YAML reads a bare yes/no/on/off as true/false: quote it)"
                problems.append(
                    ContentProblem(
                        document.path,
                        line,
                        dotted(path),
                        f"key {key!r} is not text{hint if isinstance(key, bool) else ''}",
                    )
                )
                key = str(key)
            if key in first_line:
                problems.append(
                    ContentProblem(
                        document.path,
                        line,
                        dotted((*path, key)),
                        f"key repeats (first at line {first_line[key]})",
                    )
                )
                continue
            first_line[key] = line
            document.lines[(*path, key)] = line
            mapping[key] = _build(loader, value_node, (*path, key), document, problems)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _build(loader, item, (*path, index), document, problems)
            for index, item in enumerate(node.value)
        ]
    return loader.construct_object(node, deep=True)  # type: ignore[no-untyped-call]
