"""The report font: found through fontconfig, and what it lacks is written out, never a box."""

from __future__ import annotations

from pathlib import Path

import pytest

from cisec.errors import CisecError
from cisec.report import charts, fonts


def test_missing_glyphs_become_code_points() -> None:
    coverage = frozenset(map(ord, "Fire drl報告"))
    text = "Fire 🔥\ufe0f drill\u200d 報告\u3000𠀀\n<b>"
    assert fonts.replace_missing_glyphs(text, coverage) == (
        "Fire [U+1F525]\ufe0f drill\u200d 報告 [U+20000]\n<b>"
    )


def test_the_hong_kong_font_is_found_with_hong_kong_characters() -> None:
    font = fonts.report_font()
    assert font.family == "Noto Sans CJK HK"
    for char in "嘅㗎𡃁網絡":  # Cantonese and HKSCS characters, and the glossary's 網絡
        assert ord(char) in font.coverage, char


def test_an_absent_family_is_not_taken_for_a_fallback() -> None:
    assert fonts._fontconfig_match("No Such Family 7f3a") is None


def test_no_font_is_one_sentence_with_the_fix(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(fonts, "REPORT_FONT_FAMILIES", ("No Such Family 7f3a",))
    fonts.report_font.cache_clear()
    try:
        with pytest.raises(CisecError) as error:
            fonts.report_font()
        assert "Noto Sans CJK HK" in error.value.message
        assert "fonts-noto-cjk" in error.value.next_step
    finally:
        fonts.report_font.cache_clear()


def test_chart_labels_wrap_words_and_cut_with_an_ellipsis() -> None:
    assert charts.wrap("Risk management", 200, 10) == ["Risk management"]
    assert charts.wrap("Supply chain and third parties", 60, 10, max_lines=3) == [
        "Supply",
        "chain and",
        "third…",
    ]
    assert charts.wrap("供應鏈及第三方", 30, 10) == ["供應鏈", "及第…"]


def test_bar_lengths_follow_the_scores() -> None:
    label = charts.ChartLabel([("One", "en")])
    chart = charts.bar_chart(
        [
            charts.ChartRow(label, [50.0]),
            charts.ChartRow(label, [100.0]),
            charts.ChartRow(label, [None]),
        ],
        description="d",
        lang="en",
        no_score="No score",
    )
    widths = [rect.width for rect in chart.rects]
    assert widths == [175.0, 350.0]
    assert [t.text for t in chart.texts if t.text in ("50.0", "100.0", "No score")] == [
        "50.0",
        "100.0",
        "No score",
    ]


def test_radar_puts_the_first_axis_on_top_and_scales_by_score() -> None:
    chart = charts.radar_chart([[100.0, 50.0, 0.0, 25.0, 75.0]], description="d", lang="en")
    values = chart.polygons[-1].points.split()
    assert values[0] == "150.0,45.0"  # 100 at the top: the full radius above the centre
    assert values[2] == "150.0,150.0"  # 0 at the centre
    assert len(chart.polygons) == 4 + 1  # rings at 25, 50, 75, 100, then the values
    assert [t.text for t in chart.texts] == ["1", "2", "3", "4", "5"]
    assert 5 in charts.RADAR_AXES and 10 in charts.RADAR_AXES and 11 not in charts.RADAR_AXES


def test_chart_words_are_placed_as_text_boxes_where_the_chart_draws_them() -> None:
    label = charts.ChartLabel([("One", "en"), ("一", "zh-Hant")])
    chart = charts.bar_chart(
        [charts.ChartRow(label, [50.0])], description="d", lang="en", no_score="No score"
    )
    mm = charts.COLUMN_MM / chart.width
    placed = {p.text: p for p in chart.labels}
    assert len(chart.labels) == len(chart.texts)
    # A row label ends at its anchor, right-aligned; a value starts after its bar.
    english, value = placed["One"], placed["50.0"]
    assert english.align == "right" and english.left == 0.0
    assert english.width == round(280.0 * mm, 2)
    assert placed["一"].lang == "zh-Hant-HK" and placed["一"].top > english.top
    assert value.align == "left" and value.left == round((290.0 + 175.0 + 4) * mm, 2)
    assert value.weight == "bold"
    # An axis tick is centred on its grid line; sizes are the chart's, scaled to print.
    tick = placed["100"]
    assert tick.align == "center"
    assert tick.left + tick.width / 2 == pytest.approx(640.0 * mm, abs=0.01)
    assert tick.size == round(8 * mm * 72 / 25.4, 2)
    assert chart.printed_height == round(chart.height * mm, 2)


def test_the_html_chart_has_its_words_outside_the_svg() -> None:
    # The golden report (test_report_golden pins the renderer's output to it).
    html = (Path(__file__).parent / "golden" / "fixture-board-both.html").read_text("utf-8")
    svgs = html.split("<svg")[1:]
    assert len(svgs) == 3 and all("<text" not in svg.split("</svg>")[0] for svg in svgs)
    assert html.count('class="chart-label"') > 20
    assert html.count('<div class="chart') == len(svgs)
