"""The report font: found through fontconfig, and what it lacks is written out, never a box."""

from __future__ import annotations

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
