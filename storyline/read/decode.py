"""Bytes to text, with the checks every reader needs first.

1. empty input is rejected;
2. known binary signatures (images, PDF, archives, executables) are rejected by name;
3. byte-order marks pick UTF-8 / UTF-16;
4. strict UTF-8;
5. UTF-8 with a few broken sequences: decoded with U+FFFD and a warning;
6. a legacy encoding (declared, else detected): decoded with a warning;
7. text that is still mostly control characters is rejected as binary.
"""

from __future__ import annotations

import codecs
import re

from ..errors import InputRejected

_SIGNATURES: list[tuple[bytes, str]] = [
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/XLSX/EPUB)"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ\x00", "an xz archive"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"\x7fELF", "an executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"fLaC", "a FLAC file"),
    (b"\x00\x00\x01\x00", "an icon file"),
    (b"wOFF", "a web font"),
    (b"wOF2", "a web font"),
]


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of `data`, or None when it does not look binary."""
    for sig, name in _SIGNATURES:
        if data.startswith(sig):
            return name
    if data[:4] == b"RIFF" and data[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV file", b"AVI ": "an AVI video"}[data[8:12]]
    if data[4:8] == b"ftyp":
        return "an MP4/MOV media file"
    return None


_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\ufffd]")


def _control_ratio(text: str) -> float:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) / len(sample) if sample else 0.0


def decode(data: bytes, origin: str, declared: str | None = None) -> tuple[str, list[str]]:
    """Decode `data`; return the text and warnings, or raise InputRejected naming `origin`."""
    # 1. empty
    if not data.strip():
        raise InputRejected(origin, "empty input: nothing to read" if not data else "input holds only whitespace")
    # 2. binary signatures
    kind = sniff_binary(data)
    if kind:
        raise InputRejected(origin, f"binary content ({kind}), not text; storyline reads text, HTML, JSON, CSV and feeds")
    warnings: list[str] = []
    # 3. byte-order marks
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return _checked(data.decode("utf-16"), origin), warnings
        except UnicodeDecodeError as e:
            raise InputRejected(origin, f"invalid UTF-16 after its byte-order mark ({e.reason})") from None
    # 4. strict UTF-8
    try:
        return _checked(data.decode("utf-8"), origin), warnings
    except UnicodeDecodeError:
        pass
    # 5. mostly UTF-8: a few broken sequences in text that otherwise has valid multi-byte characters
    text = data.decode("utf-8", errors="replace")
    broken = text.count("\ufffd")
    non_ascii_ok = sum(1 for ch in text if ord(ch) > 127 and ch != "\ufffd")
    if non_ascii_ok > 0 and broken <= max(3, non_ascii_ok // 20):
        warnings.append(f"{origin}: invalid UTF-8: {broken} broken byte sequence(s) replaced with U+FFFD")
        return _checked(text, origin), warnings
    # 6. a legacy encoding: the declared one, else detected
    encoding = _legacy_encoding(data, declared)
    try:
        text = data.decode(encoding)
    except (UnicodeDecodeError, LookupError):
        raise InputRejected(origin, "not valid UTF-8 and no legacy encoding fits; convert it to UTF-8") from None
    warnings.append(f"{origin}: not UTF-8; decoded as {encoding}" + (" (declared)" if declared and encoding == declared else " (detected)"))
    return _checked(text, origin), warnings


_WESTERN = set("àáâãäåæçèéêëìíîïñòóôõöøùúûüýÿßÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝœŒšŠžŽ€„“”‚‘’–—…«»°§¡¿·©®ºª²³µ½¼¾×\xa0")


def _legacy_encoding(data: bytes, declared: str | None) -> str:
    if declared:
        try:
            name = codecs.lookup(declared).name
            if name not in ("utf-8", "utf-16", "ascii"):
                data.decode(name)
                return name
        except (LookupError, UnicodeDecodeError):
            pass
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        # Western European text is the common case, and short samples fool detectors (cp1250 vs cp1252).
        high = [ch for ch in western if ord(ch) > 127]
        if high and sum(1 for ch in high if ch in _WESTERN) >= 0.95 * len(high):
            return "cp1252"
    from charset_normalizer import from_bytes  # only imported for the rare non-Western input

    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding not in ("utf_8", "ascii"):
        # Western single-byte guesses are ambiguous; cp1252 is the one browsers use for all of them.
        if best.encoding in ("latin_1", "iso8859_15", "cp1252", "iso8859_1", "mac_roman"):
            try:
                data.decode("cp1252")
                return "cp1252"
            except UnicodeDecodeError:
                return "latin_1"
        return best.encoding
    try:
        data.decode("cp1252")
        return "cp1252"
    except UnicodeDecodeError:
        return "latin_1"


def _checked(text: str, origin: str) -> str:
    # 7. text that is mostly control characters is binary whatever its encoding
    if _control_ratio(text) > 0.05:
        raise InputRejected(origin, "binary content (mostly control bytes), not text")
    if "\x00" in text:
        text = text.replace("\x00", "")
    return text
