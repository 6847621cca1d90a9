"""Update the translations: extract, merge into the Korean sources, compile.

    python scripts/update_translations.py          # after adding or changing texts
    python scripts/update_translations.py --check  # exit 1 if anything is stale

Core texts (`_`/`ngettext` in gradflow/**.py) go through Babel: extracted into
resources/translations/core.pot, merged into core_ko.po (new texts appear with an empty
msgstr, changed ones as fuzzy suggestions), and compiled into core_ko.mo, which the
standard library's gettext reads at run time - Babel is a development tool only. Qt
texts (`tr`/`QCoreApplication.translate` in gradflow/ui) go through Qt's own tools:
pyside6-lupdate merges them into ui_ko.ts and pyside6-lrelease compiles ui_ko.qm.
Translate the empty or fuzzy entries (the .po in any editor, the .ts in Qt Linguist),
run this again, and commit the sources with the compiled files.
"""

from __future__ import annotations

import argparse
import io
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "resources" / "translations"
LANGUAGES = ("ko",)
KEYWORDS = {"_": None, "ngettext": (1, 2), "N_": None}
COMMENT_TAGS = ("TRANSLATORS:",)


def extract_core():  # -> babel.messages.catalog.Catalog
    """Every `_`/`ngettext` text of the package, with where it is used."""
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract_from_dir

    from gradflow import __version__

    template = Catalog(
        project="gradflow",
        version=__version__,
        copyright_holder="gradflow developers",
        msgid_bugs_address="https://github.com/gradflow/gradflow/issues",
        fuzzy=False,
    )
    pot = TRANSLATIONS / "core.pot"
    if pot.exists():  # keep the header's date, so an unchanged extraction is byte-identical
        template.creation_date = read_catalog(pot).creation_date
    found = extract_from_dir(
        ROOT / "gradflow",
        method_map=[("**/__pycache__/**", "ignore"), ("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=True,
    )
    for filename, lineno, message, comments, context in found:
        where = f"gradflow/{Path(filename).as_posix()}"
        template.add(message, None, [(where, lineno)], auto_comments=comments, context=context)
    return template


def read_catalog(path: Path):  # -> babel.messages.catalog.Catalog
    """A .po file as a Babel catalog."""
    from babel.messages.pofile import read_po

    with path.open("rb") as fp:
        return read_po(fp, locale=path.stem.rpartition("_")[2] if "_" in path.stem else None)


def po_bytes(catalog) -> bytes:
    """A catalog as .po text (stable: template order, no line numbers, 100 columns)."""
    from babel.messages.pofile import write_po

    out = io.BytesIO()
    write_po(out, catalog, width=100, omit_header=False, ignore_obsolete=True, include_lineno=False)
    return out.getvalue()


def mo_bytes(catalog) -> bytes:
    """A catalog compiled to gettext's .mo (fuzzy and empty entries left out)."""
    from babel.messages.mofile import write_mo

    out = io.BytesIO()
    write_mo(out, catalog, use_fuzzy=False)
    return out.getvalue()


def updated_core(language: str):  # -> (template, catalog)
    """The template, and the language's catalog merged with it."""
    from babel.messages.catalog import Catalog

    template = extract_core()
    po = TRANSLATIONS / f"core_{language}.po"
    catalog = read_catalog(po) if po.exists() else None
    if catalog is None:
        catalog = Catalog(
            locale=language,
            project="gradflow",
            version=template.version,
            copyright_holder=template.copyright_holder,
            msgid_bugs_address=template.msgid_bugs_address,
            last_translator="gradflow developers",
            language_team=f"{language} <{template.msgid_bugs_address}>",
            creation_date=template.creation_date,
            revision_date=template.creation_date,
            fuzzy=False,
        )
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    return template, catalog


def ui_sources() -> list[str]:
    """The Qt modules, as paths relative to the repository (lupdate's input)."""
    return sorted(
        p.relative_to(ROOT).as_posix()
        for p in (ROOT / "gradflow" / "ui").rglob("*.py")
        if "__pycache__" not in p.parts
    )


def _tool(name: str) -> str:
    """Qt's `lupdate` / `lrelease`: the binaries inside the PySide6 wheel, else on PATH."""
    import PySide6

    for candidate in (Path(PySide6.__file__).parent / name, Path(sys.executable).parent / name):
        if candidate.is_file():
            return str(candidate)
    found = shutil.which(f"pyside6-{name}") or shutil.which(name)
    if found is None:
        sys.exit(f"update_translations: pyside6-{name} not found (it comes with PySide6)")
    return found


def lupdate(ts: Path) -> None:
    """Merge the Qt modules' tr() texts into `ts` (obsolete ones dropped)."""
    cmd = [_tool("lupdate"), "-no-obsolete", "-locations", "none", *ui_sources(), "-ts", str(ts)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True)


def lrelease(ts: Path, qm: Path) -> None:
    """Compile `ts` into `qm`."""
    subprocess.run([_tool("lrelease"), str(ts), "-qm", str(qm)], check=True, capture_output=True)


def main() -> int:
    """Update every catalog (or, with --check, report which would change)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="change nothing; exit 1 if stale")
    args = parser.parse_args()
    stale: list[str] = []
    TRANSLATIONS.mkdir(parents=True, exist_ok=True)
    try:
        import babel  # noqa: F401 - the core catalogs need it; the Qt ones do not
    except ImportError:
        sys.stderr.write("no Babel (pip install -e '.[dev]'): the core catalogs are skipped\n")
        have_babel = False
    else:
        have_babel = True
    for language in LANGUAGES:
        if not args.check:
            ts = TRANSLATIONS / f"ui_{language}.ts"
            lupdate(ts)
            lrelease(ts, TRANSLATIONS / f"ui_{language}.qm")
        if not have_babel:
            continue
        template, catalog = updated_core(language)
        outputs = {
            TRANSLATIONS / "core.pot": po_bytes(template),
            TRANSLATIONS / f"core_{language}.po": po_bytes(catalog),
            TRANSLATIONS / f"core_{language}.mo": mo_bytes(catalog),
        }
        for path, data in outputs.items():
            if not path.exists() or path.read_bytes() != data:
                stale.append(path.relative_to(ROOT).as_posix())
                if not args.check:
                    path.write_bytes(data)
        missing = [m.id for m in catalog if m.id and (not m.string or m.fuzzy)]
        if missing:
            sys.stderr.write(f"{language}: {len(missing)} core texts to translate\n")
    for name in stale:
        sys.stdout.write(f"{'stale' if args.check else 'updated'}: {name}\n")
    return 1 if args.check and stale else 0


if __name__ == "__main__":
    sys.exit(main())
