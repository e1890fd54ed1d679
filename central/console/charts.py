"""Small bar charts as inline SVG, drawn at the centre (no chart library, nothing fetched):
a month's bars side by side, one colour a series, the axis's top value written on it."""

from html import escape

WIDTH, HEIGHT = 520, 180
LEFT, BOTTOM, TOP = 56, 22, 10
COLOURS = ("#1d6f8c", "#e0a458")


def bar_chart(labels: list[str], series: list[list[int]], title: str) -> str:
    """One group of bars per label, one bar per series in it; heights are integers."""
    top = max((v for values in series for v in values), default=0) or 1
    plot_w, plot_h = WIDTH - LEFT - 6, HEIGHT - BOTTOM - TOP
    group = plot_w / max(len(labels), 1)
    bar = group * 0.8 / max(len(series), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img"'
        f' aria-label="{escape(title)}"><title>{escape(title)}</title>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{WIDTH - 6}" y2="{TOP + plot_h}"'
        ' stroke="#c5ced8"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 8}" text-anchor="end">{top:,}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end">0</text>',
    ]
    for i, label in enumerate(labels):
        x0 = LEFT + i * group + group * 0.1
        for k, values in enumerate(series):
            height = round(values[i] * plot_h / top)
            parts.append(
                f'<rect x="{x0 + k * bar:.1f}" y="{TOP + plot_h - height}" width="{bar:.1f}"'
                f' height="{height}" fill="{COLOURS[k % len(COLOURS)]}">'
                f"<title>{escape(label)}: {values[i]:,}</title></rect>"
            )
        if len(labels) <= 6 or i % 2 == 0:  # every other one when they would touch
            parts.append(
                f'<text x="{x0 + group * 0.4:.1f}" y="{HEIGHT - 6}" text-anchor="middle">'
                f"{escape(label)}</text>"
            )
    parts.append("</svg>")
    return "".join(parts)
