"""Provides the report's plain tables as cells of words, for the writers that lay tables out
themselves (Word, Markdown): each writer adds only its own look (widths, pipes)."""

from __future__ import annotations

from dataclasses import dataclass

from cisec.report.view_model import Phrase, ReportView, TrendView, Words


@dataclass(frozen=True, slots=True)
class Grid:
    """A table's header cells and its rows of cells."""

    header: list[Words]
    rows: list[list[Words]]


def plain(text: str) -> Words:
    """Text that reads the same in every language (a number, an id), or no words if empty."""
    return [Phrase(text, "en")] if text else []


def numbered(number: int, title: Words) -> Words:
    """A section title with its number before the first language's text."""
    return [
        Phrase(f"{number}. {p.text}" if index == 0 else p.text, p.lang, p.primary)
        for index, p in enumerate(title)
    ]


def section_detail(view: ReportView) -> Grid:
    labels = view.labels
    return Grid(
        [
            labels["col_section"],
            labels["col_score"],
            labels["coverage"],
            labels["col_answered"],
            labels["col_gaps"],
        ],
        [
            [
                numbered(s.number, s.title) + s.skipped,
                plain(s.score),
                plain(s.coverage),
                plain(s.answered),
                plain(str(s.gaps)),
            ]
            for s in view.sections
        ],
    )


def layers(view: ReportView) -> Grid:
    labels = view.labels
    return Grid(
        [labels["col_layer"], labels["col_score"], labels["col_answered"], labels["col_gaps"]],
        [
            [layer.name, plain(layer.score), plain(str(layer.questions)), plain(str(layer.gaps))]
            for layer in view.layers
        ],
    )


def trend_scores(view: ReportView, trend: TrendView) -> Grid:
    labels = view.labels
    rows = [
        [numbered(s.number, s.title), plain(s.previous), plain(s.current), plain(s.change)]
        for s in trend.sections
    ]
    overall = trend.overall
    rows.append(
        [overall.title, plain(overall.previous), plain(overall.current), plain(overall.change)]
    )
    return Grid(
        [labels["col_section"], labels["last_year"], labels["this_year"], labels["col_change"]],
        rows,
    )
