"""Hostile documents, written by the tests themselves: small on disk, costly to read naively."""

from __future__ import annotations

import zipfile
import zlib
from pathlib import Path

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>'
)
RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
)
MB = 1024 * 1024


def docx(
    path: Path,
    document_xml: bytes | None = None,
    *,
    streamed: list[bytes] | None = None,
    repeat: int = 1,
) -> Path:
    """A minimal .docx; its document part is ``document_xml``, or ``streamed`` chunks with
    the middle one written ``repeat`` times (so hundreds of MB never sit in memory)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("_rels/.rels", RELS)
        if document_xml is not None:
            archive.writestr("word/document.xml", document_xml)
        else:
            assert streamed is not None
            head, middle, tail = streamed
            with archive.open("word/document.xml", "w", force_zip64=True) as part:
                part.write(head)
                for _ in range(repeat):
                    part.write(middle)
                part.write(tail)
    return path


def body(inner: str) -> bytes:
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>{inner}</w:body>'
    return (xml + "</w:document>").encode()


def paragraph(text: str) -> str:
    return f"<w:p><w:r><w:t>{text}</w:t></w:r></w:p>"


def zip_bomb_docx(path: Path, megabytes: int) -> Path:
    """Whitespace between two paragraphs, inflating to ``megabytes``: the issue's 179 KB file."""
    head, tail = body(paragraph("Bomb")).split(b"</w:body>")
    return docx(path, streamed=[head, b" " * MB, b"</w:body>" + tail], repeat=megabytes)


def many_paragraphs_docx(path: Path, megabytes: int) -> Path:
    """A real-looking document part, tens of MB of tiny paragraphs: costly once parsed."""
    head, tail = body("").split(b"</w:body>")
    chunk = (paragraph("x") * (MB // len(paragraph("x")))).encode()
    return docx(path, streamed=[head, chunk, b"</w:body>" + tail], repeat=megabytes)


def nested_docx(path: Path, depth: int) -> Path:
    return docx(path, body("<w:p>" * depth + "deep" + "</w:p>" * depth))


def billion_laughs_docx(path: Path) -> Path:
    entities = ['<!ENTITY lol "lol">'] + [
        f'<!ENTITY lol{i} "{("&lol%s;" % (i - 1 if i > 1 else "")) * 10}">' for i in range(1, 10)
    ]
    xml = (
        '<?xml version="1.0"?><!DOCTYPE w:document [' + "".join(entities) + "]>"
        f'<w:document xmlns:w="{W}"><w:body>{paragraph("&lol9;")}</w:body></w:document>'
    )
    return docx(path, xml.encode())


# --- PDF, written object by object -------------------------------------------------------------


def pdf(path: Path, objects: list[bytes], *, root: int = 1) -> Path:
    """A PDF of the given objects (numbered from 1) with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, content in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + content + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    path.write_bytes(bytes(out))
    return path


def _page(parent: int, contents: int | None = None) -> bytes:
    content = b" /Contents %d 0 R" % contents if contents else b""
    return b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 200 200]%s >>" % (parent, content)


def huge_page_count_pdf(path: Path, declared: int) -> Path:
    """One page, and a page tree that claims ``declared`` of them."""
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count %d >>" % declared,
            _page(2),
        ],
    )


def lying_page_tree_pdf(path: Path, fanout: int = 40, depth: int = 6) -> Path:
    """A page tree that says one page, each level naming the next ``fanout`` times:
    ``fanout ** depth`` pages for whoever walks it, in a file of a few KB."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    for level in range(depth):
        number = 2 + level
        kids = b" ".join([b"%d 0 R" % (number + 1)] * fanout)
        parent = b" /Parent %d 0 R" % (number - 1) if level else b""
        objects.append(b"<< /Type /Pages /Kids [%s] /Count 1%s >>" % (kids, parent))
    objects.append(_page(1 + depth))
    return pdf(path, objects)


def deflate_bomb_pdf(path: Path, megabytes: int, fill: bytes = b" ") -> Path:
    """One page whose content stream inflates to ``megabytes`` of ``fill``."""
    squeeze = zlib.compressobj(9)
    packed = squeeze.compress(b"BT /F1 12 Tf (Bomb) Tj ET\n")
    block = fill * (MB // len(fill))
    for _ in range(megabytes):
        packed += squeeze.compress(block)
    packed += squeeze.flush()
    stream = b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed
    return pdf(
        path,
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R"
            b" /Resources << /Font << /F1 << /Type /Font /Subtype /Type1"
            b" /BaseFont /Helvetica >> >> >> >>",
            stream + b"\nendstream",
        ],
    )


def bogus_encryption_pdf(path: Path) -> Path:
    """Says it is encrypted, with an encryption dictionary no reader can use."""
    data = huge_page_count_pdf(path, 1).read_bytes()
    data = data.replace(
        b"/Root 1 0 R", b"/Root 1 0 R /Encrypt << /Filter /Nonsense /V 99 >> /ID [<00> <00>]"
    )
    path.write_bytes(data)
    return path


def sparse_file(path: Path, size: int) -> Path:
    """A file of ``size`` bytes that takes (almost) no room on disk."""
    with path.open("wb") as handle:
        handle.truncate(size)
    return path


def many_parts_docx(path: Path, parts: int) -> Path:
    """A .docx with ``parts`` tiny extra parts: a zip directory built to be walked forever."""
    docx(path, body(paragraph("Parts")))
    with zipfile.ZipFile(path, "a", zipfile.ZIP_STORED) as archive:
        for n in range(parts):
            archive.writestr(f"customXml/item{n}.bin", b"")
    return path


def truncated(source: Path, path: Path, keep: float = 0.5) -> Path:
    """The first ``keep`` of a real file, as a download cut short leaves it."""
    data = source.read_bytes()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def password_pdf(path: Path, password: str = "s3cret") -> Path:
    """A real PDF with text, encrypted with AES-256 under a password nobody gave us."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt(password, algorithm="AES-256")
    with path.open("wb") as out:
        writer.write(out)
    return path


def one_line_file(path: Path, megabytes: int, unit: bytes = b"lorem ipsum ") -> Path:
    """``megabytes`` of text and not one line break, written for real (not sparse)."""
    block = unit * (MB // len(unit))
    with path.open("wb") as out:
        for _ in range(megabytes):
            out.write(block)
    return path
