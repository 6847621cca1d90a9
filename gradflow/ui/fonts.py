"""ui: Hangul everywhere - the font fallback that canvas, plots, exports and PDFs share.

Qt draws a character the chosen font lacks with a fallback font; which one depends on
the platform's font matching, and a system without a Korean font draws boxes (tofu).
`install_hangul_fallbacks` makes the choice explicit: every common interface family
falls back to the Korean fonts each platform ships - Malgun Gothic on Windows, Apple SD
Gothic Neo on macOS, Noto Sans CJK KR (Debian's fonts-noto-cjk) or Nanum Gothic on
Linux - in that order, whatever family the canvas, pyqtgraph or QPdfWriter start from.
"""

from __future__ import annotations

from PySide6.QtGui import QFont, QFontDatabase, QFontInfo, QGuiApplication

# Korean fonts, the platforms' own first (a missing one is skipped by Qt)
HANGUL_FAMILIES = (
    "Malgun Gothic",  # Windows
    "Apple SD Gothic Neo",  # macOS
    "Noto Sans CJK KR",  # Linux: fonts-noto-cjk
    "Noto Sans KR",
    "Source Han Sans KR",
    "NanumGothic",  # Linux: fonts-nanum
    "UnDotum",
)
# the families interfaces start from on each platform
BASE_FAMILIES = (
    "DejaVu Sans",
    "Noto Sans",
    "Cantarell",
    "Ubuntu",
    "Segoe UI",
    "MS Shell Dlg 2",
    "Arial",
    "Helvetica",
    "Helvetica Neue",
    ".AppleSystemUIFont",
)
# the CSS font stack of HTML exports (handouts): the same choice for a browser
CSS_FONT_STACK = ", ".join(
    f"'{f}'" for f in ("Noto Sans", "Segoe UI", "Helvetica Neue", *HANGUL_FAMILIES)
)


def install_hangul_fallbacks() -> list[str]:
    """Give the application's family and the common ones the Hangul fallbacks; returns
    the Korean families this system has."""
    if QGuiApplication.instance() is None:
        return []
    have = set(QFontDatabase.families())
    # only real families: a substitute for an alias ("Sans Serif") would replace the
    # whole font, not fill in the characters it lacks
    resolved = QFontInfo(QGuiApplication.font()).family()  # the real family of the default
    for family in dict.fromkeys([resolved, *BASE_FAMILIES]):
        if family in have and family not in HANGUL_FAMILIES:
            QFont.insertSubstitutions(family, list(HANGUL_FAMILIES))
    return [f for f in HANGUL_FAMILIES if f in have]


def line_spacing(font: QFont) -> int:
    """The height of one line of `font` as Qt draws mixed Latin and Hangul text.

    A Hangul fallback font is usually taller than the Latin font it fills in for, so a
    widget sized from the Latin font's metrics alone clips the lower line of a Korean text.
    """
    from PySide6.QtGui import QFontMetrics

    spacing = QFontMetrics(font).lineSpacing()
    have = set(QFontDatabase.families())
    for family in HANGUL_FAMILIES:
        if family in have:
            hangul = QFont(font)
            hangul.setFamily(family)
            return max(spacing, QFontMetrics(hangul).lineSpacing())
    return spacing


def missing_glyphs(text: str, font: QFont) -> list[str]:
    """The characters of `text` that `font` (with its fallbacks) cannot draw."""
    from PySide6.QtGui import QFontMetrics

    metrics = QFontMetrics(font)
    return [ch for ch in dict.fromkeys(text) if not ch.isspace() and not metrics.inFont(ch)]
