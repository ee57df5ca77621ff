"""The knowledge-flow pictures, drawn with pyqtgraph from :mod:`kshare.client.curation.flow`.

Which departments answer which departments' questions (a flow diagram: askers on the
left, answerers on the right, bands as wide as the answers); where questions wait
longest (bars by tag and by department); who connects separate groups (a people graph
with the bridges drawn larger and in another colour). Each exports as PNG or SVG.
"""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pyqtgraph as pg
import pyqtgraph.exporters
from PySide6.QtCore import QCoreApplication, QRect
from PySide6.QtGui import QColor, QPainter
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import QWidget

from kshare.client.curation.flow import Flow, PeopleGraph, Wait

INK = QColor("#33414e")
BAND = QColor(54, 118, 186, 120)
BRIDGE = QColor("#d9480f")
PERSON = QColor("#7a8a99")
BAR = QColor("#3676ba")


def _tr(text: str) -> str:
    return QCoreApplication.translate("pictures", text)


def _plot(parent: QWidget | None, title: str) -> pg.PlotWidget:
    plot = pg.PlotWidget(parent=parent, background="w")
    plot.setTitle(title, color=INK.name())
    plot.hideAxis("bottom")
    plot.hideAxis("left")
    plot.setMouseEnabled(x=False, y=False)
    plot.setMenuEnabled(False)
    return plot


def _label(plot: pg.PlotWidget, text: str, x: float, y: float, anchor: tuple[float, float]) -> None:
    item = pg.TextItem(text, color=INK.name(), anchor=anchor)
    item.setPos(x, y)
    plot.addItem(item)


def flow_picture(flows: tuple[Flow, ...], parent: QWidget | None = None) -> pg.PlotWidget:
    """Askers' departments on the left, answerers' on the right, one band per pair."""
    plot = _plot(parent, QCoreApplication.translate("pictures", "Who answers whose questions"))
    left = sorted({f.asking for f in flows})
    right = sorted({f.answering for f in flows})
    ly = {d: -i for i, d in enumerate(left)}
    ry = {d: -i for i, d in enumerate(right)}
    widest = max((f.answers for f in flows), default=1)
    t = np.linspace(0.0, 1.0, 40)
    ease = t * t * (3 - 2 * t)
    for f in flows:
        y = ly[f.asking] + (ry[f.answering] - ly[f.asking]) * ease
        width = 1.5 + 14.0 * f.answers / widest
        plot.addItem(pg.PlotCurveItem(t, y, pen=pg.mkPen(BAND, width=width)))
    for d, y0 in ly.items():
        _label(plot, d, -0.02, y0, (1.0, 0.5))
    for d, y0 in ry.items():
        _label(plot, d, 1.02, y0, (0.0, 0.5))
    plot.setXRange(-0.6, 1.6)
    return plot


def wait_picture(
    waits: tuple[Wait, ...], title: str, parent: QWidget | None = None
) -> pg.PlotWidget:
    """One bar per tag (or department): the median days a question waited for an answer."""
    plot = _plot(
        parent,
        QCoreApplication.translate("pictures", "{title} (median days to a first answer)").format(
            title=title
        ),
    )
    if waits:
        ys = np.arange(len(waits), 0, -1, dtype=float)
        days = np.array([w.days for w in waits], dtype=float)
        longest = max(float(days.max()), 1.0)
        plot.addItem(
            pg.BarGraphItem(x0=np.zeros(len(waits)), y=ys, width=days, height=0.6, brush=BAR)
        )
        for w, y in zip(waits, ys, strict=True):
            _label(plot, f"{w.label} ({w.questions})", -longest * 0.01, float(y), (1.0, 0.5))
            days_text = QCoreApplication.translate("pictures", "{days} d").format(
                days=f"{w.days:g}"
            )
            _label(plot, days_text, w.days + longest * 0.01, float(y), (0.0, 0.5))
        plot.setXRange(-longest * 0.6, longest * 1.15)
    return plot


def people_picture(graph: PeopleGraph, parent: QWidget | None = None) -> pg.PlotWidget:
    """People on a circle, grouped by department; the bridges large and orange."""
    plot = _plot(
        parent, QCoreApplication.translate("pictures", "Who connects otherwise separate groups")
    )
    count = len(graph.names)
    if not count:
        return plot
    order = sorted(range(count), key=lambda i: (graph.departments[i], graph.names[i]))
    pos = np.zeros((count, 2))
    for slot, i in enumerate(order):
        angle = 2 * math.pi * slot / count
        pos[i] = (math.cos(angle), math.sin(angle))
    adjacency = np.array(graph.edges, dtype=int).reshape(-1, 2)
    sizes = [18 if i in graph.bridges else 9 for i in range(count)]
    brushes = [pg.mkBrush(BRIDGE if i in graph.bridges else PERSON) for i in range(count)]
    item = pg.GraphItem()
    item.setData(
        pos=pos,
        adj=adjacency,
        size=sizes,
        symbolBrush=brushes,
        symbolPen=None,
        pen=pg.mkPen(QColor(120, 130, 140, 90), width=1),
        pxMode=True,
    )
    plot.addItem(item)
    for i in sorted(graph.bridges):
        _label(plot, graph.names[i], pos[i][0] * 1.08, pos[i][1] * 1.08, (0.5, 0.5))
    plot.setAspectLocked(True)
    plot.setRange(xRange=(-1.5, 1.5), yRange=(-1.3, 1.3))
    return plot


def export_picture(plot: pg.PlotWidget, path: Path) -> None:
    """Write the picture as PNG or SVG, by the file's suffix."""
    suffix = path.suffix.lower()
    item = plot.getPlotItem()
    if suffix == ".svg":
        # pyqtgraph's own SVG exporter cannot read the paths this Qt writes; Qt's SVG
        # painter draws the same scene, text as text.
        generator = QSvgGenerator()
        generator.setFileName(str(path))
        generator.setSize(plot.size())
        generator.setViewBox(QRect(0, 0, plot.width(), plot.height()))
        generator.setTitle(plot.getPlotItem().titleLabel.text)
        painter = QPainter(generator)
        try:
            plot.render(painter)
        finally:
            painter.end()
    elif suffix == ".png":
        exporter = pyqtgraph.exporters.ImageExporter(item)
        exporter.parameters()["width"] = max(int(plot.width()), 800)
        exporter.export(str(path))
    else:
        raise ValueError(f"pictures export as .png or .svg, not {suffix or 'no suffix'}")
