"""Builds the report's charts as geometry from the numbers (the templates only print it).

The HTML report draws a chart's shapes as inline SVG and sets its words as HTML text placed
over them (`Chart.labels`): WeasyPrint lays out SVG text node by node, each with its own font
set-up, and the words of the three charts cost a board report a seventh of its render; as
HTML they are ordinary text boxes of the page's font. Word draws the same geometry, words
included, as a PNG (chart_image.py). Every text carries its language.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field

from cisec.model.text import Language

# Colours that survive greyscale printing: bars differ in lightness, not only in hue.
INK = "#1f2933"
MUTED = "#616e7c"
GRID = "#d9dee3"
BAR = "#1d4e89"
BAR_LAST_YEAR = "#9fb3c8"
STATUS_FILL = {
    "met": "#2f7d32",
    "partly": "#e0a100",
    "not_met": "#b3261e",
    "unknown": "#6a4c93",
    "unanswered": "#c4cdd5",
}


@dataclass(frozen=True)
class SvgText:
    """A run of text at a point."""

    x: float
    y: float
    text: str
    lang: str
    size: float = 10.0
    anchor: str = "start"
    fill: str = INK
    weight: str = "normal"


@dataclass(frozen=True)
class SvgRect:
    """A filled rectangle (a bar or a legend swatch)."""

    x: float
    y: float
    width: float
    height: float
    fill: str


@dataclass(frozen=True)
class SvgLine:
    """A grid or axis line."""

    x1: float
    y1: float
    x2: float
    y2: float
    stroke: str = GRID


@dataclass(frozen=True)
class SvgPolygon:
    """A closed shape: a radar's ring or its values."""

    points: str
    fill: str
    fill_opacity: float
    stroke: str
    stroke_width: float


# How wide a chart prints, in mm: a bar chart spans the A4 text column (210 mm less the
# stylesheet's 17 mm margins), a radar is a small square beside the bars.
COLUMN_MM = 176.0
RADAR_MM = 62.0
POINTS_PER_MM = 72 / 25.4
# Where the baseline sits in a line box one font size high, as a share of the font size
# (Noto Sans CJK: ascender 1.16, descender 0.288 em, so the half-leading is -0.224 em).
BASELINE = 0.936
_ALIGN = {"start": "left", "middle": "center", "end": "right"}


@dataclass(frozen=True)
class PlacedLabel:
    """A chart's text as an HTML box: its place and width in mm, its size in pt."""

    left: float
    top: float
    width: float
    size: float
    align: str
    text: str
    lang: str
    fill: str
    weight: str


@dataclass(frozen=True)
class Chart:
    """A chart: a size, a description for screen readers, and what to draw."""

    width: float
    height: float
    description: str
    lang: str
    rects: list[SvgRect] = field(default_factory=list)
    lines: list[SvgLine] = field(default_factory=list)
    texts: list[SvgText] = field(default_factory=list)
    polygons: list[SvgPolygon] = field(default_factory=list)
    css_class: str = "chart"
    printed_width: float = COLUMN_MM

    @property
    def printed_height(self) -> float:
        """The height in mm at `printed_width`: the chart keeps its proportions."""
        return round(self.height * self.printed_width / self.width, 2)

    @property
    def labels(self) -> list[PlacedLabel]:
        """The texts as boxes of set width (none is measured to fit) on the printed chart.

        A text anchored at its end fills the chart from its left edge to the anchor, one
        anchored at its middle a box centred on the anchor, one at its start the rest of the
        width; the box's top sits so that its baseline falls where the text's does.
        """
        scale = self.printed_width / self.width
        placed = []
        for text in self.texts:
            if text.anchor == "end":
                left, width = 0.0, text.x
            elif text.anchor == "middle":
                half = min(text.x, self.width - text.x)
                left, width = text.x - half, 2 * half
            else:
                left, width = text.x, self.width - text.x
            placed.append(
                PlacedLabel(
                    left=round(left * scale, 2),
                    top=round((text.y - BASELINE * text.size) * scale, 2),
                    width=round(width * scale, 2),
                    size=round(text.size * scale * POINTS_PER_MM, 2),
                    align=_ALIGN[text.anchor],
                    text=text.text,
                    lang=text.lang,
                    fill=text.fill,
                    weight=text.weight,
                )
            )
        return placed


@dataclass(frozen=True)
class ChartLabel:
    """A row label: one line of text per language shown."""

    lines: list[tuple[str, Language]]


@dataclass(frozen=True)
class ChartRow:
    """One row of a bar chart: its label and one to two values (0-100, None = no score)."""

    label: ChartLabel
    values: list[float | None]


def text_width(text: str, size: float) -> float:
    """An estimate of how wide `text` sets at `size`: CJK glyphs are square, Latin about half."""
    width = 0.0
    for char in text:
        wide = unicodedata.east_asian_width(char) in ("W", "F")
        width += size if wide else size * 0.56
    return width


def wrap(text: str, width: float, size: float, max_lines: int = 2) -> list[str]:
    """Break `text` into lines no wider than `width`; words stay whole, CJK breaks anywhere.

    Past `max_lines` the last line ends in an ellipsis: a chart label is a pointer to the
    table below it, not the place for the whole title.
    """
    lines: list[str] = []
    current = ""
    for token in _tokens(text):
        candidate = current + token
        if current and text_width(candidate.rstrip(), size) > width:
            lines.append(current.rstrip())
            current = token.lstrip()
        else:
            current = candidate
    if current.strip():
        lines.append(current.rstrip())
    if len(lines) > max_lines:
        last = lines[max_lines - 1]
        while last and text_width(last + "…", size) > width:
            last = last[:-1]
        lines = [*lines[: max_lines - 1], last.rstrip() + "…"]
    return lines


def _tokens(text: str) -> list[str]:
    """Words with their trailing space, and single CJK characters."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if unicodedata.east_asian_width(char) in ("W", "F"):
            if word:
                tokens.append(word)
                word = ""
            tokens.append(char)
        elif char == " ":
            tokens.append(word + " ")
            word = ""
        else:
            word += char
    if word:
        tokens.append(word)
    return tokens


def bar_chart(
    rows: list[ChartRow],
    *,
    description: str,
    lang: str,
    no_score: str,
    legend: list[str] | None = None,
) -> Chart:
    """Horizontal bars, 0 to 100, one or two per row (two: last year light, this year dark)."""
    width, label_width, left, right = 680.0, 270.0, 290.0, 640.0
    size, line_height = 8.0, 9.5
    bars_per_row = max((len(r.values) for r in rows), default=1)
    bar_height = 10.0 if bars_per_row == 1 else 7.0
    span = right - left
    rects: list[SvgRect] = []
    lines: list[SvgLine] = []
    texts: list[SvgText] = []
    fills = [BAR] if bars_per_row == 1 else [BAR_LAST_YEAR, BAR]

    y = 6.0
    if legend:
        x = left
        for fill, name in zip(fills, legend, strict=False):
            rects.append(SvgRect(x, y, 10, 8, fill))
            texts.append(SvgText(x + 14, y + 7.5, name, lang, size=8.5, fill=MUTED))
            x += 24 + text_width(name, 8.5)
        y += 16
    top = y
    for row in rows:
        label_lines: list[tuple[str, Language]] = []
        for text, language in row.label.lines:
            # One line per language keeps a 20-section chart on the summary page; the section
            # table gives the full titles.
            label_lines += [(line, language) for line in wrap(text, label_width, size, max_lines=1)]
        bars_height = len(row.values) * (bar_height + 2)
        row_height = max(len(label_lines) * line_height, bars_height) + 4
        text_top = y + (row_height - len(label_lines) * line_height) / 2 + size
        for index, (line, language) in enumerate(label_lines):
            texts.append(
                SvgText(
                    label_width + 10,
                    text_top + index * line_height,
                    line,
                    _tag(language),
                    size=size,
                    anchor="end",
                    fill=INK if index == 0 or language == row.label.lines[0][1] else MUTED,
                )
            )
        bar_y = y + (row_height - bars_height) / 2 + 1
        for value, fill in zip(row.values, fills[-len(row.values) :], strict=True):
            if value is None:
                texts.append(
                    SvgText(left + 4, bar_y + bar_height - 2, no_score, lang, 8, fill=MUTED)
                )
            else:
                bar_width = max(span * value / 100.0, 0.8)
                rects.append(SvgRect(left, bar_y, round(bar_width, 2), bar_height, fill))
                texts.append(
                    SvgText(
                        left + bar_width + 4,
                        bar_y + bar_height - 2,
                        f"{value:.1f}",
                        lang,
                        size=8.5,
                        fill=INK if fill == BAR else MUTED,
                        weight="bold" if fill == BAR else "normal",
                    )
                )
            bar_y += bar_height + 2
        y += row_height
    bottom = y
    for tick in (0, 25, 50, 75, 100):
        x = left + span * tick / 100
        lines.append(SvgLine(x, top, x, bottom))
        texts.append(SvgText(x, bottom + 11, str(tick), lang, size=8, anchor="middle", fill=MUTED))
    return Chart(width, bottom + 16, description, lang, rects=rects, lines=lines, texts=texts)


def status_bar(counts: list[tuple[str, int, str]], *, description: str, lang: str) -> Chart:
    """One stacked bar of legal-duty statuses with a legend: (status, count, label) in order."""
    width, height = 680.0, 52.0
    total = sum(count for _, count, _ in counts)
    rects: list[SvgRect] = []
    texts: list[SvgText] = []
    x = 0.0
    for status, count, _ in counts:
        if not count or not total:
            continue
        segment = width * count / total
        rects.append(SvgRect(round(x, 2), 0, round(segment, 2), 18, STATUS_FILL[status]))
        if segment > 18:
            ink = "#ffffff" if status in ("met", "not_met", "unknown") else INK
            texts.append(SvgText(x + segment / 2, 13, str(count), lang, 9.5, "middle", ink, "bold"))
        x += segment
    legend_x = 0.0
    for status, count, name in counts:
        rects.append(SvgRect(legend_x, 30, 10, 10, STATUS_FILL[status]))
        caption = f"{name} {count}"
        texts.append(SvgText(legend_x + 14, 39, caption, lang, 9, fill=INK))
        legend_x += 30 + text_width(caption, 9)
    return Chart(width, height, description, lang, rects=rects, texts=texts)


# A radar reads well with a handful of axes; past ten the labels crowd and the shape means little.
RADAR_AXES = range(5, 11)


def radar_chart(
    series: list[list[float]], *, description: str, lang: str, legend: list[str] | None = None
) -> Chart:
    """A radar of section scores (0-100), axes numbered as in the bar chart; one or two series
    (two: last year light, this year dark). Callers check `len(series[0]) in RADAR_AXES`."""
    size, centre, radius = 300.0, 150.0, 105.0
    axes = len(series[0])

    def point(axis: int, value: float) -> tuple[float, float]:
        angle = -math.pi / 2 + 2 * math.pi * axis / axes
        distance = radius * value / 100.0
        return centre + distance * math.cos(angle), centre + distance * math.sin(angle)

    def outline(values: list[float]) -> str:
        return " ".join(f"{x:.1f},{y:.1f}" for x, y in (point(i, v) for i, v in enumerate(values)))

    polygons = [
        SvgPolygon(outline([level] * axes), "none", 0.0, GRID, 0.6) for level in (25, 50, 75, 100)
    ]
    lines = [SvgLine(centre, centre, *point(axis, 100.0)) for axis in range(axes)]
    texts: list[SvgText] = []
    for axis in range(axes):
        x, y = point(axis, 114.0)
        texts.append(SvgText(round(x, 1), round(y + 3, 1), str(axis + 1), lang, 9, "middle", MUTED))
    fills = [BAR] if len(series) == 1 else [BAR_LAST_YEAR, BAR]
    for values, fill in zip(series, fills, strict=True):
        polygons.append(SvgPolygon(outline(values), fill, 0.18, fill, 1.4))
    rects: list[SvgRect] = []
    if legend:
        x = 8.0
        for fill, name in zip(fills, legend, strict=False):
            rects.append(SvgRect(x, size - 14, 10, 8, fill))
            texts.append(SvgText(x + 14, size - 6.5, name, lang, size=8.5, fill=MUTED))
            x += 24 + text_width(name, 8.5)
    return Chart(
        size,
        size,
        description,
        lang,
        rects=rects,
        lines=lines,
        texts=texts,
        polygons=polygons,
        css_class="chart radar",
        printed_width=RADAR_MM,
    )


def _tag(language: Language) -> str:
    """The `lang` attribute value: Hong Kong Chinese, so viewers pick HK glyph forms."""
    return "en" if language == "en" else "zh-Hant-HK"
