"""Charts you can read (issue 20): whole-number steps on count axes, the goals' fixed 1–10 scale,
Danish decimal commas and an empty chart that says so in words."""

import re

from astnet import charts
from astnet.figures import Figure


def figure(values, **options) -> Figure:
    return Figure(
        key="test",
        title="Besøg",
        description="Besøg pr. uge.",
        row_header="Uge",
        columns=["I år"],
        row_labels=[f"Uge {n}" for n in range(1, len(values) + 1)],
        values=[[value] for value in values],
        counts=False,
        chart_columns=[0],
        **options,
    )


def axis_labels(svg: str) -> list[str]:
    return re.findall(r'<text x="-5" y="[^"]+" class="[^"]*">([^<]+)</text>', svg)


def test_a_count_axis_has_whole_number_steps():
    labels = axis_labels(charts.render(figure([1, 3, 2])))

    assert labels == ["0", "1", "2", "3"]


def test_large_counts_step_evenly_with_thousand_separators():
    labels = axis_labels(charts.render(figure([1200, 5400, 3100])))

    assert labels == ["0", "1.000", "2.000", "3.000", "4.000", "5.000", "6.000"]


def test_the_goal_scale_is_always_one_to_ten():
    labels = axis_labels(charts.render(figure([2, 4], scale=(1, 10), chart_kind="line")))

    assert labels == [str(n) for n in range(1, 11)]


def test_shares_use_a_danish_decimal_comma():
    labels = axis_labels(charts.render(figure([1.5, 2.25])))

    assert "0,2" in labels
    assert not any("." in label for label in labels)


def test_an_empty_chart_says_so_in_words_without_an_axis():
    svg = charts.render(figure([0, 0, None]))

    assert "Ingen tal at vise i perioden" in svg
    assert axis_labels(svg) == []


def test_labels_are_drawn_large_enough_to_stay_readable_on_a_phone():
    # 20 units in a chart 520 units wide: 13 px in a 340 px phone column (checked in the browser
    # by tests/e2e/test_every_page.py at 375, 768 and 1280 px).
    assert charts.STYLE.label_font_size / charts.WIDTH * 340 >= 12


class CountingCache:
    """The cache `charts` uses, counting its round trips (get_many and set_many)."""

    def __init__(self, cache):
        self.cache, self.reads, self.writes = cache, 0, 0

    def get_many(self, keys):
        self.reads += 1
        return self.cache.get_many(keys)

    def set_many(self, data, timeout):
        self.writes += 1
        return self.cache.set_many(data, timeout)


def test_several_charts_are_read_from_the_cache_in_one_round_trip(monkeypatch):
    from django.core.cache import cache

    counting = CountingCache(cache)
    monkeypatch.setattr(charts, "cache", counting)
    figures = [figure([1, n]) for n in range(2, 5)]
    drawn = charts.render_many(figures)
    assert (counting.reads, counting.writes) == (1, 1)
    assert drawn == [charts.render(f) for f in figures]
    assert len(set(drawn)) == 3
    counting.reads = counting.writes = 0
    assert charts.render_many(figures) == drawn
    assert (counting.reads, counting.writes) == (1, 0)
    assert charts.render_many([]) == []
