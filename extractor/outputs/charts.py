"""Small inline SVG charts (no library, no script): grouped bars, stacked shares and lines.

Every mark carries its value in ``data-value`` and a ``<title>`` (the browser's tooltip); a chart
with no value to draw says so in text instead of drawing an empty frame. Labels are escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

PALETTE = ("#4472C4", "#ED7D31", "#A5A5A5", "#FFC000", "#5B9BD5", "#70AD47", "#264478",
           "#9E480E", "#636363", "#997300")  # fmt: skip
WIDTH = 760
LABEL_WIDTH = 170  # room for a body name on the left of horizontal bars
BAR_HEIGHT, GAP = 16, 6
LEGEND_HEIGHT = 22

Series = tuple[str, Sequence[float | None]]  # name, one value per category


def _fmt(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


def _legend(names: Sequence[str], y: int) -> str:
    out, x = [], LABEL_WIDTH
    for i, name in enumerate(names):
        color = PALETTE[i % len(PALETTE)]
        out.append(f'<rect x="{x}" y="{y}" width="10" height="10" fill="{color}"/>'
                   f'<text x="{x + 14}" y="{y + 9}" class="legend">{escape(name)}</text>')  # fmt: skip
        x += 24 + 12 * len(name)
    return "".join(out)


def _svg(height: int, body: str, title: str) -> str:
    return (
        f'<svg class="chart" role="img" aria-label="{escape(title)}" width="{WIDTH}" '
        f'height="{height}" viewBox="0 0 {WIDTH} {height}" xmlns="http://www.w3.org/2000/svg">'
        f"{body}</svg>"
    )


def empty_chart(message: str) -> str:
    return f'<p class="nochart">{escape(message)}</p>'


def grouped_bars(title: str, categories: Sequence[str], series: Sequence[Series],
                 percent: bool = False) -> str:  # fmt: skip
    """Horizontal bars: one group per category (a body), one bar per series (a year)."""
    values = [v for _, vs in series for v in vs if v is not None]
    if not values:
        return empty_chart(f"{title}: no value to draw")
    top = max(max(values), 1e-9)
    plot = WIDTH - LABEL_WIDTH - 70
    group = len(series) * BAR_HEIGHT + GAP * 2
    out = [_legend([name for name, _ in series], 4)]
    y = LEGEND_HEIGHT + 4
    for ci, category in enumerate(categories):
        out.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + group / 2}" class="cat" '
                   f'text-anchor="end">{escape(category)}</text>')  # fmt: skip
        for si, (name, vs) in enumerate(series):
            v = vs[ci]
            by = y + GAP + si * BAR_HEIGHT
            if v is None:
                continue
            w = max(plot * v / top, 1)
            shown = f"{v:.1%}" if percent else _fmt(v)
            out.append(
                f'<rect class="bar" x="{LABEL_WIDTH}" y="{by}" width="{w:.1f}" '
                f'height="{BAR_HEIGHT - 2}" fill="{PALETTE[si % len(PALETTE)]}" data-value="{v}">'
                f"<title>{escape(category)} · {escape(name)}: {shown}</title></rect>"
                f'<text x="{LABEL_WIDTH + w + 4:.1f}" y="{by + BAR_HEIGHT - 5}" class="val">'
                f"{shown}</text>"
            )
        y += group
    return _svg(y + 4, "".join(out), title)


def stacked_shares(title: str, categories: Sequence[str], series: Sequence[Series]) -> str:
    """One 100 % bar per category, split into the series' shares (outcomes of requests)."""
    rows: list[tuple[list[float], float] | None] = []  # a category's parts and total, if whole
    for ci in range(len(categories)):
        parts = [p for _, vs in series if (p := vs[ci]) is not None]
        total = sum(parts)
        rows.append((parts, total) if total > 0 and len(parts) == len(series) else None)
    if all(row is None for row in rows):
        return empty_chart(f"{title}: no value to draw")
    plot = WIDTH - LABEL_WIDTH - 20
    out = [_legend([name for name, _ in series], 4)]
    y = LEGEND_HEIGHT + 4
    for category, row in zip(categories, rows, strict=True):
        out.append(f'<text x="{LABEL_WIDTH - 6}" y="{y + BAR_HEIGHT - 4}" class="cat" '
                   f'text-anchor="end">{escape(category)}</text>')  # fmt: skip
        if row is None:
            out.append(f'<text x="{LABEL_WIDTH}" y="{y + BAR_HEIGHT - 4}" class="val">'
                       "incomplete: not drawn</text>")  # fmt: skip
        else:
            parts, total = row
            x = float(LABEL_WIDTH)
            for si, ((name, _), v) in enumerate(zip(series, parts, strict=True)):
                w = plot * v / total
                out.append(
                    f'<rect class="bar" x="{x:.1f}" y="{y}" width="{w:.1f}" '
                    f'height="{BAR_HEIGHT}" fill="{PALETTE[si % len(PALETTE)]}" '
                    f'data-value="{v}"><title>{escape(category)} · {escape(name)}: '
                    f"{_fmt(v)} ({v / total:.1%})</title></rect>"
                )
                x += w
        y += BAR_HEIGHT + GAP
    return _svg(y + 4, "".join(out), title)


def lines(title: str, xs: Sequence[int], series: Sequence[Series]) -> str:
    """One line per series (a body) over the years ``xs``; a missing year breaks the line."""
    values = [v for _, vs in series for v in vs if v is not None]
    if not values or not xs:
        return empty_chart(f"{title}: no value to draw")
    height, left, bottom, top_pad = 260, 60, 30, LEGEND_HEIGHT + 10
    top = max(max(values), 1e-9)
    plot_w, plot_h = WIDTH - left - 20, height - bottom - top_pad

    def px(i: int) -> float:
        return left + (plot_w * i / (len(xs) - 1) if len(xs) > 1 else plot_w / 2)

    def py(v: float) -> float:
        return top_pad + plot_h * (1 - v / top)

    out = [_legend([name for name, _ in series], 4)]
    out.append(f'<line x1="{left}" y1="{top_pad + plot_h}" x2="{WIDTH - 20}" '
               f'y2="{top_pad + plot_h}" class="axis"/>')  # fmt: skip
    out.append(f'<text x="{left - 4}" y="{top_pad + 4}" class="val" text-anchor="end">'
               f"{_fmt(top)}</text>")  # fmt: skip
    for i, x in enumerate(xs):
        out.append(f'<text x="{px(i):.1f}" y="{height - 10}" class="cat" '
                   f'text-anchor="middle">{x}</text>')  # fmt: skip
    for si, (name, vs) in enumerate(series):
        color = PALETTE[si % len(PALETTE)]
        run: list[str] = []
        for i, v in enumerate([*vs, None]):
            if v is not None:
                run.append(f"{px(i):.1f},{py(v):.1f}")
                out.append(
                    f'<circle class="dot" cx="{px(i):.1f}" cy="{py(v):.1f}" r="4" '
                    f'fill="{color}" data-value="{v}"><title>{escape(name)} · {xs[i]}: '
                    f"{_fmt(v)}</title></circle>"
                )
            elif run:
                out.append(f'<polyline points="{" ".join(run)}" fill="none" '
                           f'stroke="{color}" stroke-width="2"/>')  # fmt: skip
                run = []
    return _svg(height, "".join(out), title)
