"""Is a document what its name says? Checked by content, not only by extension.

A PDF starts with %PDF-; .docx, .xlsx, .pptx, .odt and .ods are ZIP containers holding that kind of
document; .doc, .xls and .ppt are OLE2 compound files; .csv and .txt are text (no NUL bytes, in
UTF-8, UTF-16 with a byte-order mark or Windows-1251, and not an HTML page). An HTML file named
report.pdf would otherwise be stored and served as a PDF.
"""

import codecs
import zipfile

from django.utils.translation import gettext_lazy as _

PDF = b"%PDF-"
ZIP = b"PK\x03\x04"
OLE2 = bytes.fromhex("D0CF11E0A1B11AE1")
HTML_STARTS = ("<!doctype", "<html", "<head", "<body", "<script", "<svg", "<iframe")
CONTROL_BYTES = set(range(32)) - {9, 10, 12, 13}  # all but tab, line feed, form feed, carriage return

# What the editor is told a file with each extension must be.
KINDS = {
    "pdf": _("PDF"),
    "docx": _("Word (.docx)"),
    "xlsx": _("Excel (.xlsx)"),
    "pptx": _("PowerPoint (.pptx)"),
    "odt": _("OpenDocument text (.odt)"),
    "ods": _("OpenDocument spreadsheet (.ods)"),
    "doc": _("Word 97-2003 (.doc)"),
    "xls": _("Excel 97-2003 (.xls)"),
    "ppt": _("PowerPoint 97-2003 (.ppt)"),
    "csv": _("CSV"),
    "txt": _("plain text"),
}
OOXML_FOLDERS = {"docx": "word/", "xlsx": "xl/", "pptx": "ppt/"}
OPENDOCUMENT_TYPES = {
    "odt": b"application/vnd.oasis.opendocument.text",
    "ods": b"application/vnd.oasis.opendocument.spreadsheet",
}


def expected_kind(extension):
    """What a file with this extension must be, e.g. "PDF"; None for an extension not checked here."""
    return KINDS.get(extension.lower())


def content_matches(extension, file):
    """Whether the content of `file` (an open file, read from the start and left there) is of the
    kind its extension says. Extensions not listed in KINDS are not checked here."""
    extension = extension.lower()
    if extension not in KINDS:
        return True
    file.seek(0)
    try:
        if extension == "pdf":
            return file.read(len(PDF)) == PDF
        if extension in ("doc", "xls", "ppt"):
            return file.read(len(OLE2)) == OLE2
        if extension in OOXML_FOLDERS or extension in OPENDOCUMENT_TYPES:
            return file.read(len(ZIP)) == ZIP and _zip_matches(extension, file)
        return _is_text(file.read())
    finally:
        file.seek(0)


def _zip_matches(extension, file):
    file.seek(0)
    try:
        with zipfile.ZipFile(file) as archive:  # reads the directory only, nothing is extracted
            names = archive.namelist()
            if extension in OOXML_FOLDERS:
                folder = OOXML_FOLDERS[extension]
                return "[Content_Types].xml" in names and any(name.startswith(folder) for name in names)
            if "mimetype" not in names or archive.getinfo("mimetype").file_size > 100:
                return False
            return archive.read("mimetype").strip() == OPENDOCUMENT_TYPES[extension]
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, KeyError, ValueError):
        return False


def _is_text(content):
    if content.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = content.decode("utf-16")
        except UnicodeDecodeError:
            return False
    else:
        if CONTROL_BYTES.intersection(content):
            return False  # NUL bytes and other control characters: a binary file
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp1251")  # Cyrillic spreadsheets exported by older Excel
            except UnicodeDecodeError:
                return False
    if any(ord(character) in CONTROL_BYTES for character in text):
        return False
    return not text.lstrip().lower().startswith(HTML_STARTS)
