"""The screen a window lives on, and the sizing rules every window follows.

The real desk is a 1366×768 laptop with a 40-pixel taskbar, or 1280×720: a window is never
larger than the free area of its screen (title bar included), never grows by itself, and what
can grow (forms, lists of documents, agendas, error lines) scrolls inside it.

``screen_area`` is the one place that asks Qt for the free area, so a test can stand in for a
small screen (offscreen Qt has one square screen)."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QSettings, QSize, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QScrollArea,
    QSpacerItem,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

# What a window manager's title bar and borders take around a window (Windows 10/11 and GNOME
# draw 30-32 pixels above it and at most a few on the sides).
FRAME_HEIGHT = 32
FRAME_WIDTH = 8
TITLE_HEIGHT = FRAME_HEIGHT - FRAME_WIDTH // 2  # the title bar, above a window's content
FALLBACK = QRect(0, 0, 1366, 728)  # no screen at all (should not happen)


def screen_area(widget: QWidget | None = None) -> QRect:
    """The free area of the widget's screen (the primary one when unknown), taskbar taken off."""
    screen = widget.screen() if widget is not None else None
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(FALLBACK)


def room(widget: QWidget | None = None) -> tuple[int, int]:
    """The largest width and height a window's content may have on the widget's screen."""
    area = screen_area(widget)
    return area.width() - FRAME_WIDTH, area.height() - FRAME_HEIGHT


def fit_window(window: QWidget, width: int, height: int) -> None:
    """Resize a top-level window to the wished size, or to its screen's free area when smaller;
    it is never given a maximum, so the window manager may still maximise it."""
    most_w, most_h = room(window)
    window.resize(min(width, most_w), min(height, most_h))


def show_main(window: QWidget, width: int = 1280) -> None:
    """Show the main window: maximised on a laptop-sized screen (free area under 1.2 times the
    wished width: a 1366 or 1280 wide laptop), where a window a little narrower than the screen
    only leaves a useless strip; at its own size on a larger screen."""
    if screen_area(window).width() < 1.2 * width:
        window.showMaximized()
    else:
        window.show()


def at_least_wide(dialog: QWidget, width: int) -> None:
    """A dialog at least ``width`` wide (never wider than its screen), and never narrower than
    its content: ``setMinimumWidth`` would let the content be cut (a widget's own minimum
    overrides its layout's)."""
    layout = dialog.layout()
    assert isinstance(layout, QBoxLayout), "a dialog laid out in a QVBoxLayout"
    margins = layout.contentsMargins()
    layout.addStrut(min(width, room(dialog)[0]) - margins.left() - margins.right())
    if dialog.findChild(_FitHeight, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        dialog.installEventFilter(_FitHeight(dialog))


def fit_height(window: QWidget) -> None:
    """Grow a window when lines wrapped or appeared (an error under a field: wrapped lines are
    not in a layout's minimum size), never past its screen: what is longer scrolls."""
    layout = window.layout()
    if layout is None:
        return
    most_w, most_h = room(window)
    least = layout.totalMinimumSize()
    tall = layout.totalHeightForWidth(window.width()) if layout.hasHeightForWidth() else least.height()
    width = min(max(window.width(), least.width()), most_w)
    height = min(max(window.height() + _hidden_below(window), tall, least.height()), most_h)
    if (width, height) != (window.width(), window.height()):
        size_window(window, width, height)
        keep_on_screen(window)


def _hidden_below(window: QWidget) -> int:
    """How much taller the content of a window's scrolling middle (``scroll_middle``) has
    grown than the room it is shown in: an error line under the last field went below it, out
    of sight, and the dialog did not grow (trial 11: the reason dialog's «اذكر …» was hidden
    under a scroll bar)."""
    hidden = 0
    for area in window.findChildren(_DownOnly):
        content = area.widget()
        if content is None or not area.isVisible():
            continue
        shown = area.viewport().height()
        wants = (content.heightForWidth(area.viewport().width())
                 if content.hasHeightForWidth() else content.sizeHint().height())
        hidden += max(0, wants - shown)
    return hidden


def size_window(window: QWidget, width: int, height: int) -> None:
    """Give a window its size; one the program sizes itself (``fix_size``) keeps it fixed."""
    if window.minimumSize() == window.maximumSize():
        window.setFixedSize(width, height)
    else:
        window.resize(width, height)


def fix_size(window: QWidget) -> None:
    """The window keeps the size the program gives it (``size_window``): the user does not
    resize it, and the window manager draws no resize handle (openbox drew it as a broken line
    along the bottom edge of every dialog).  What can grow scrolls inside it."""
    window.setFixedSize(window.size())


def frame_margins(window: QWidget) -> tuple[int, int, int, int]:
    """What the window manager's frame takes on each side of a window (left, top, right,
    bottom): as Qt knows it once the window is framed, and never less than the desk's
    (``FRAME_HEIGHT`` in all, the title bar above; before a window manager framed the window,
    Qt knows no frame at all)."""
    geometry, frame = window.geometry(), window.frameGeometry()
    side, bottom = FRAME_WIDTH // 2, FRAME_WIDTH // 2
    return (max(geometry.left() - frame.left(), side), max(geometry.top() - frame.top(), TITLE_HEIGHT),
            max(frame.right() - geometry.right(), side), max(frame.bottom() - geometry.bottom(), bottom))


def framed(window: QWidget) -> QRect:
    """Where the window is on the screen with its frame (``frame_margins``) around it."""
    left, top, right, bottom = frame_margins(window)
    return window.geometry().adjusted(-left, -top, right, bottom)


def keep_on_screen(window: QWidget) -> None:
    """Move a window whose frame (title bar included) is not all inside the free area of its
    screen back into it.  Its content is placed (``setGeometry``), not its frame (``move``):
    a window not yet framed by the window manager has no frame for Qt, and ``move`` then put
    its content at the top of the screen and the title bar above it, off the screen (the
    complaint's window on a busy laptop)."""
    if window.isMaximized() or window.isFullScreen():  # the window manager's to place
        return
    area, geometry = screen_area(window), window.geometry()
    left, top, right, bottom = frame_margins(window)
    y = max(area.top() + top, min(geometry.y(), area.bottom() + 1 - bottom - geometry.height()))
    x = max(area.left() + left, min(geometry.x(), area.right() + 1 - right - geometry.width()))
    if (x, y) != (geometry.x(), geometry.y()):
        window.setGeometry(x, y, geometry.width(), geometry.height())


def stay_on_screen(window: QWidget) -> None:
    """Keep ``window`` on its screen, frame included, each time it is shown (``keep_on_screen``;
    ``at_least_wide`` does it too)."""
    if window.findChild(_OnScreen, options=Qt.FindChildOption.FindDirectChildrenOnly) is None:
        window.installEventFilter(_OnScreen(window))


class _OnScreen(QObject):
    """Shown, a window is kept on the screen (title bar included), and again once the window
    manager has framed it (its first activation: the frame is known then)."""

    fixed = False  # sized by the program alone (``fix_size``)

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self._framed = False

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        kind = event.type()
        if kind == QEvent.Type.Show:
            self._framed = False
            if self.fixed:
                fix_size(watched)
            QTimer.singleShot(0, self, lambda: keep_on_screen(watched))
        elif kind == QEvent.Type.WindowActivate and not self._framed:
            self._framed = True
            keep_on_screen(watched)
        return False


class _FitHeight(_OnScreen):
    """After each change of a dialog's layout (an error line shown, a text set), its height
    follows its wrapped lines (no line cut at the bottom); kept on the screen (``_OnScreen``),
    at the size the program gives it (``fix_size``)."""

    fixed = True

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        if event.type() == QEvent.Type.LayoutRequest and watched.isVisible():
            QTimer.singleShot(0, self, lambda: fit_height(watched))
        return super().eventFilter(watched, event)


def scroll_middle(dialog: QWidget, keep_top: int = 1, keep_bottom: int = 1) -> QScrollArea:
    """Move everything of a dialog's box layout but its first ``keep_top`` and last
    ``keep_bottom`` items (title; error line and buttons) into a scroll area: the buttons stay
    on the screen whatever the content and its error lines.  Call it once the layout is built."""
    layout = dialog.layout()
    assert isinstance(layout, QBoxLayout), "a dialog laid out in a QVBoxLayout"
    content = QWidget()
    body = QVBoxLayout(content)
    body.setContentsMargins(0, 0, 0, 0)
    stop = layout.count() - keep_bottom
    # itemAt + removeWidget/removeItem (not takeAt: the item would then belong to Python
    # twice over and be freed twice)
    for _index in range(keep_top, stop):
        stretch, item = layout.stretch(keep_top), layout.itemAt(keep_top)
        assert item is not None  # keep_top < count
        widget, inner = item.widget(), item.layout()
        if widget is not None:
            alignment = item.alignment()
            layout.removeWidget(widget)
            body.addWidget(widget, stretch, alignment)
        elif inner is not None:
            layout.removeItem(inner)
            body.addLayout(inner, stretch)
        else:  # a stretch or a spacing: the same again, the old one dropped
            spacer = item.spacerItem()
            assert spacer is not None  # neither a widget nor a layout
            hint, policy = spacer.sizeHint(), spacer.sizePolicy()
            body.addItem(QSpacerItem(hint.width(), hint.height(), policy.horizontalPolicy(),
                                     policy.verticalPolicy()))
            body.setStretch(body.count() - 1, stretch)
            layout.takeAt(keep_top)
    area = scrolling(content)
    layout.insertWidget(keep_top, area, 1)
    return area


def scrolling(content: QWidget, horizontal: bool = False) -> QScrollArea:
    """``content`` in a frameless scroll area that follows its width (vertical scrolling only,
    unless ``horizontal``): what can grow scrolls instead of growing the window."""
    area = QScrollArea() if horizontal else _DownOnly()
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    if not horizontal:
        area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(content)
    # Not a Tab stop of its own (a stop that shows nothing focused loses the employee); tabbing
    # into its content scrolls to the focused field (QScrollArea does that by itself).
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    return area


class _DownOnly(QScrollArea):
    """Scrolls up and down only: as wide as its content needs (else it would be cut)."""

    def eventFilter(self, watched, event) -> bool:  # noqa: N802 - Qt API
        # the content's layout changed (filled, retranslated): so may its minimum width
        if watched is self.widget() and event.type() == QEvent.Type.LayoutRequest:
            self.updateGeometry()
        return super().eventFilter(watched, event)

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        hint = super().minimumSizeHint()
        content = self.widget()
        if content is not None:
            need = content.minimumSizeHint().expandedTo(content.minimumSize()).width()
            bar = self.verticalScrollBar().sizeHint().width()
            hint.setWidth(max(hint.width(), need + bar + 2 * self.frameWidth()))
        return hint


def remember_splitter(splitter: QSplitter, key: str) -> None:
    """Put the splitter back where the user left it last time, and remember each move."""
    splitter.setObjectName(splitter.objectName() or key)
    name = f"splitters/{key}"
    saved = QSettings().value(name)
    if isinstance(saved, QByteArray | bytes) and saved:
        splitter.restoreState(QByteArray(saved))
    splitter.splitterMoved.connect(lambda _pos, _index: QSettings().setValue(name, splitter.saveState()))


class PageStack(QStackedWidget):
    """Pages one at a time, sized by the page shown (a QStackedWidget asks for room for the
    largest page it holds, even hidden: the dashboard's charts made every page 970 px high)."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.currentChanged.connect(lambda _index: self.updateGeometry())

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt API
        page = self.currentWidget()
        if page is None:
            return super().minimumSizeHint()
        return page.minimumSizeHint().expandedTo(page.minimumSize())

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt API
        page = self.currentWidget()
        return super().sizeHint() if page is None else page.sizeHint()

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt API
        # The scroll area around the stack asks this when a page wraps lines; Qt's answer is the
        # tallest page's *preferred* height, which made every page scroll.  The page shown gets
        # the viewport, or its minimum height when that is more; its layout wraps inside it.
        return self.minimumSizeHint().height()
