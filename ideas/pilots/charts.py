"""Server-drawn SVG line charts of a metric across iterations, against baseline and target.

The page shows each chart next to a table of the same numbers, so the chart needs no
JavaScript and adds nothing a screen reader would miss.
"""

from dataclasses import dataclass
from decimal import Decimal

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 64, 24, 16, 40


@dataclass
class Point:
    x: float
    y: float
    label: str
    value: Decimal


@dataclass
class Chart:
    points: list
    baseline_y: float
    target_y: float
    ticks: list  # (y, label)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    right_edge: int = WIDTH - RIGHT
    bottom_edge: int = HEIGHT - BOTTOM

    @property
    def polyline(self):
        return " ".join(f"{p.x:.1f},{p.y:.1f}" for p in self.points)


def _nice_step(span):
    """A round tick step (1, 2 or 5 times a power of ten) giving about four ticks."""
    raw = span / 4 or Decimal(1)
    magnitude = Decimal(10) ** (raw.adjusted())
    for factor in (1, 2, 5, 10):
        step = magnitude * factor
        if step >= raw:
            return step
    return magnitude * 10


def metric_chart(metric, rows) -> Chart:
    """``rows``: (iteration number, value or None) in order."""
    values = [v for _n, v in rows if v is not None]
    # Start the axis at zero for non-negative figures, so a fall of 10 % does not look like 90 %.
    low = min([Decimal(0), metric.baseline, metric.target, *values])
    high = max([metric.baseline, metric.target, *values])
    step = _nice_step(high - low)
    low = (low / step).to_integral_value(rounding="ROUND_FLOOR") * step
    high = (high / step).to_integral_value(rounding="ROUND_CEILING") * step
    if high == low:
        high = low + step

    def y(value):
        share = float((value - low) / (high - low))
        return HEIGHT - BOTTOM - share * (HEIGHT - TOP - BOTTOM)

    plot_width = WIDTH - LEFT - RIGHT
    count = max(len(rows), 1)
    points = []
    for index, (number, value) in enumerate(rows):
        if value is None:
            continue
        x = LEFT + plot_width * ((index + 0.5) / count)
        points.append(Point(x=x, y=y(value), label=str(number), value=value))
    ticks = []
    tick = low
    while tick <= high:
        ticks.append((y(tick), format(tick.normalize(), "f")))
        tick += step
    return Chart(points=points, baseline_y=y(metric.baseline), target_y=y(metric.target), ticks=ticks)
