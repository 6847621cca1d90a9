"""ui: the interface language - Qt's translators, the saved choice, View ▸ Language.

One language rules a whole process: the Qt texts (`tr` / `QCoreApplication.translate`,
compiled into resources/translations/ui_<lang>.qm), Qt's own dialogs (`qtbase_<lang>.qm`
from PySide6's translations folder) and the core's explanations (core/i18n.py). It is
chosen once, before the window is built: `--lang` if given, else the choice saved from
View ▸ Language, else the system locale. Choosing another language in the menu saves
it and offers to restart, since every widget takes its texts when it is built.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QObject,
    QSettings,
)
from PySide6.QtCore import QTranslator as _QTranslator
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QMessageBox, QWidget

from gradflow.core import i18n
from gradflow.ui.actions import MenuEntry, make_action

SETTINGS_KEY = "language"
MENU = "&View/&Language"
# each language named in itself, as language menus do
NATIVE_NAMES = {"en": "English", "ko": "한국어"}

_installed: list[_QTranslator] = []


def system_language() -> str:
    """The language the system asks for: the locale variables, else Qt's system locale."""
    from_env = i18n.system_language()
    if from_env is not None:
        return from_env
    for name in QLocale.system().uiLanguages():
        found = i18n.parse_language(name)
        if found is not None:
            return found
    return i18n.SOURCE_LANGUAGE


def saved_language(settings: QSettings) -> str | None:
    """The language chosen in View ▸ Language, if any (and still offered)."""
    value = str(settings.value(SETTINGS_KEY, "") or "")
    return value if value in i18n.LANGUAGES else None


def choose_language(requested: str | None, settings: QSettings) -> str:
    """`--lang` if given, else the saved choice, else the system's language."""
    return requested or saved_language(settings) or system_language()


def install_language(language: str, app: QCoreApplication | None = None) -> None:
    """Make `language` the language of every later text, Qt's and the core's."""
    app = app or QCoreApplication.instance()
    i18n.set_language(language)
    for old in _installed:
        QCoreApplication.removeTranslator(old)
    _installed.clear()
    if language == i18n.SOURCE_LANGUAGE or app is None:
        return
    qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    ours = i18n.translations_dir() / f"ui_{language}.qm"
    for translator_file, folder in ((f"qtbase_{language}", qt_dir), (str(ours), "")):
        translator = _QTranslator(app)
        if translator.load(translator_file, folder):
            QCoreApplication.installTranslator(translator)
            _installed.append(translator)


def translated_in(language: str, context: str, text: str) -> str:
    """`text` of `context` in `language`, whatever language the interface is in now."""
    if language == i18n.SOURCE_LANGUAGE:
        return text
    translator = _QTranslator()
    if not translator.load(str(i18n.translations_dir() / f"ui_{language}.qm")):
        return text
    return translator.translate(context, text) or text


def _both(text: str, language: str) -> str:
    """A LanguageActions text in the interface's language, then in `language` if it reads
    differently there (one paragraph each)."""
    now = QCoreApplication.translate("LanguageActions", text)
    then = translated_in(language, "LanguageActions", text)
    return now if then == now else f"{now}\n{then}"


class LanguageActions(QObject):
    """View ▸ Language: English / 한국어, remembered in the settings."""

    def __init__(self, settings: QSettings, parent_widget: QWidget) -> None:
        super().__init__(parent_widget)
        self._settings = settings
        self._parent = parent_widget
        self._group = QActionGroup(self)
        self.actions: dict[str, QAction] = {}
        current = i18n.language()
        for code in i18n.LANGUAGES:
            action = make_action(
                self,
                NATIVE_NAMES[code],
                lambda on, code=code: self.choose(code) if on else None,
                checkable=True,
                checked=code == current,
                object_name=f"language_{code}",
            )
            self._group.addAction(action)
            self.actions[code] = action

    def menu_entries(self) -> list[MenuEntry]:
        """The Language sub-menu of View."""
        return [MenuEntry(MENU, a, f"language_{code}") for code, a in self.actions.items()]

    def choose(self, language: str) -> None:
        """Save `language` for the next start and offer to restart now."""
        if language == saved_language(self._settings) and language == i18n.language():
            return
        self._settings.setValue(SETTINGS_KEY, language)
        if language == i18n.language():
            return
        box = QMessageBox(self._parent)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle(self.tr("Language"))
        # said in the language chosen too: a student who picks 한국어 may not read English
        will_be = QT_TRANSLATE_NOOP(
            "LanguageActions", "gradflow will be in {language} from its next start."
        )
        restart_now = QT_TRANSLATE_NOOP(
            "LanguageActions", "Restart now? Unsaved changes are asked about first."
        )
        name = NATIVE_NAMES[language]
        box.setText(_both(str(will_be), language).format(language=name))
        box.setInformativeText(_both(str(restart_now), language))
        restart = box.addButton(self.tr("Restart Now"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Later"), QMessageBox.ButtonRole.RejectRole)
        box.finished.connect(lambda _r: box.clickedButton() is restart and self.restart())
        box.open()

    def restart(self) -> bool:
        """Close the window (it asks about unsaved changes) and start gradflow again."""
        window = self._parent.window()
        path = getattr(getattr(window, "document", None), "path", None)
        if not window.close():
            return False
        args = ["-m", "gradflow", "open", *([path] if path else [])]
        from PySide6.QtCore import QProcess  # (its type is made when first imported)

        QProcess.startDetached(sys.executable, args)
        return True
