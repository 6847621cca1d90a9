"""ui: the canvas look - light and dark palettes, sizes and fonts, from one place.

Values are green and drawn above a wire, gradients red and drawn below it (and in
italics), so the two never depend on colour alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from PySide6.QtGui import QColor, QFont, QPalette

# node sizes and spacing live in gradflow/core/geometry.py (the auto-layout reads them too)

PORT_RADIUS = 6.0
CORNER = 12.0
GRID = 20.0


@dataclass(frozen=True)
class Theme:
    """Every colour the canvas uses."""

    name: str
    background: QColor
    grid: QColor
    node_fill: QColor
    node_border: QColor
    node_text: QColor
    node_muted: QColor
    selected: QColor
    active: QColor
    port: QColor
    port_hover: QColor
    wire: QColor
    value: QColor
    grad: QColor
    badge: QColor
    label_bg: QColor


LIGHT = Theme(
    name="light",
    background=QColor("#f7f8fa"),
    grid=QColor("#c9ced6"),
    node_fill=QColor("#ffffff"),
    node_border=QColor("#8a94a6"),
    node_text=QColor("#1f2430"),
    node_muted=QColor("#5f6b7d"),
    selected=QColor("#2f6fde"),
    active=QColor("#f0a500"),
    port=QColor("#5f6b7d"),
    port_hover=QColor("#2f6fde"),
    wire=QColor("#7d8796"),
    value=QColor("#17803d"),
    grad=QColor("#c62828"),
    badge=QColor("#e67700"),
    label_bg=QColor(247, 248, 250, 215),
)

DARK = Theme(
    name="dark",
    background=QColor("#1e2128"),
    grid=QColor("#3a404c"),
    node_fill=QColor("#2b303a"),
    node_border=QColor("#6c7689"),
    node_text=QColor("#e8ebf0"),
    node_muted=QColor("#a3acba"),
    selected=QColor("#5b9cff"),
    active=QColor("#ffc23d"),
    port=QColor("#a3acba"),
    port_hover=QColor("#5b9cff"),
    wire=QColor("#8d97a8"),
    value=QColor("#4cd07d"),
    grad=QColor("#ff6b6b"),
    badge=QColor("#ffa94d"),
    label_bg=QColor(30, 33, 40, 215),
)

THEMES = {"light": LIGHT, "dark": DARK}


@dataclass(frozen=True)
class Metrics:
    """Sizes that grow in presentation mode (a projector)."""

    symbol_pt: float = 17.0
    label_pt: float = 9.0
    number_pt: float = 11.5
    wire_width: float = 1.8

    def presentation(self) -> Metrics:
        """Larger fonts and thicker wires."""
        return replace(self, symbol_pt=22.0, label_pt=11.0, number_pt=14.0, wire_width=3.0)


READABLE_PT = 9.0  # on screen: the active step's numbers are never drawn smaller
MIN_NUMBER_PT = 4.3  # on screen: numbers drawn smaller than this cannot be read


def detail_zoom(metrics: Metrics | None = None) -> float:
    """The zoom below which the numbers on wires are hidden (too small to read)."""
    return MIN_NUMBER_PT / (metrics or Metrics()).number_pt


def font(point_size: float, bold: bool = False, italic: bool = False) -> QFont:
    """The canvas font at a size."""
    f = QFont()
    f.setPointSizeF(point_size)
    f.setBold(bold)
    f.setItalic(italic)
    return f


def window_palette(theme: Theme, base: QPalette) -> QPalette:
    """The window's colours for a theme: `base` (the system's) for light, dark for dark."""
    if theme.name != "dark":
        return QPalette(base)
    pal = QPalette(base)
    role, window, text = QPalette.ColorRole, QColor("#262a33"), QColor("#e8ebf0")
    for r, c in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, QColor("#1e2128")),
        (role.AlternateBase, window),
        (role.Text, text),
        (role.Button, QColor("#2f3440")),
        (role.ButtonText, text),
        (role.ToolTipBase, window),
        (role.ToolTipText, text),
        (role.Highlight, theme.selected),
        (role.HighlightedText, QColor("white")),
        (role.PlaceholderText, theme.node_muted),
        (role.Mid, QColor("#3a404c")),
    ):
        pal.setColor(r, c)
    # disabled controls read as disabled on the dark background, not as enabled ones
    off = QColor("#6c7689")
    for r in (role.WindowText, role.Text, role.ButtonText):
        pal.setColor(QPalette.ColorGroup.Disabled, r, off)
    pal.setColor(QPalette.ColorGroup.Disabled, role.Button, QColor("#262a33"))
    return pal
