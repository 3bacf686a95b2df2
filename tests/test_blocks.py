"""Blocks of the shared library: key figures, the chart, featured work areas."""

import re
from html import unescape

import pytest

from core.blocks import ChartBlock, KeyFiguresBlock
from tests.factories import KeyFigureFactory


def render_chart(series, title="Remittances to Mongolia", unit="USD million", source="World Bank"):
    block = ChartBlock()
    value = block.to_python(
        {"title": title, "unit": unit, "source": source, "series": [{"label": k, "value": v} for k, v in series]}
    )
    return unescape(block.render(value))


def test_chart_draws_one_bar_per_value_scaled_to_the_largest():
    html = render_chart([("2010", "210"), ("2020", "536.2"), ("2023", "0")])
    svg = html[html.index("<svg") : html.index("</svg>")]
    widths = [float(width) for width in re.findall(r'<rect class="chart-bar"[^>]* width="([\d.]+)"', svg)]
    assert widths == [125.3, 320.0, 0.0]
    assert 'role="img"' in svg and "<title" in svg
    for text in ("2010", "2020", "2023", ">210<", ">536.2<", ">0<"):
        assert text in svg


def test_chart_table_carries_the_same_numbers():
    html = render_chart([("Ulaanbaatar", "1.5"), ("Rest of the country", "1.8")], unit="million")
    table = html[html.index("<table") : html.index("</table>")]
    rows = re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td></tr>', table)
    assert rows == [("Ulaanbaatar", "1.5"), ("Rest of the country", "1.8")]
    assert "Value (million)" in table
    assert "Source: World Bank" in html
    assert "<script" not in html


def test_chart_refuses_negative_values_and_empty_series():
    from django.core.exceptions import ValidationError

    block = ChartBlock()
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "T", "series": [{"label": "a", "value": "-1"}]}))
    with pytest.raises(ValidationError):
        block.clean(block.to_python({"title": "T", "series": []}))


@pytest.mark.django_db
def test_key_figures_always_show_their_source_linked_when_there_is_a_link():
    linked = KeyFigureFactory(value="536.2", unit="USD million", source_title="World Bank, 2020")
    unlinked = KeyFigureFactory(value="200,000", source_title="IOM Mongolia", source_url="")
    block = KeyFiguresBlock()
    html = block.render(block.to_python({"heading": "Key figures", "figures": [linked.pk, unlinked.pk]}))
    assert '<span class="figure-number">536.2</span> <span class="figure-unit">USD million</span>' in html
    assert f'Source: <a href="{linked.source_url}">World Bank, 2020</a>' in html
    assert "Source: IOM Mongolia" in html
    assert html.count('class="figure-source"') == 2
