"""Provides the section tree: each section with its progress and score, each question's state."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.text import Text
from textual.widgets import Tree

from cisec.services.walk import ItemState

MARKS: dict[ItemState, tuple[str, str]] = {
    "unanswered": ("○", ""),
    "answered": ("●", "green"),
    "unknown": ("?", "yellow"),
    "not_applicable": ("⊘", "cyan"),
    "skipped": ("–", "dim"),
    "flagged": ("⚑", "magenta"),
}


def fit(text: str, width: int) -> str:
    """`text` cut to `width` terminal cells (Chinese characters take two), with an ellipsis."""
    if cell_len(text) <= width:
        return text
    return set_cell_size(text, max(width - 1, 0)).rstrip() + "…"


def section_label(
    title: str, answered: int, applicable: int, score: float | None, width: int
) -> Text:
    """`Title     3/7  62` fitted to `width` cells."""
    stats = f" {answered}/{applicable}" + ("" if score is None else f" {score:3.0f}")
    label = Text(fit(title, width - len(stats)), style="bold")
    label.append(stats, style="green" if applicable and answered == applicable else "dim")
    return label


def item_label(short_id: str, state: ItemState, width: int) -> Text:
    """`● office` : the question's state, then its id without the section prefix."""
    mark, style = MARKS[state]
    label = Text(mark + " ", style=style)
    label.append(fit(short_id, width - 2), style="dim" if state == "skipped" else "")
    return label


class SectionTree(Tree[str], can_focus=False):
    """The sections and their questions; the cursor follows the question shown."""

    DEFAULT_CSS = """
    SectionTree {
        padding: 0;
    }
    """
