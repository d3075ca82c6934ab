"""Rendering an order letter (Surat Pesanan) or a receipt (BAST) as a PDF with a verification QR code.

reportlab renders with ``invariant=1`` (no creation date, fixed document id), so the same facts
always render the same bytes and the SHA-256 digest of a document can be checked by rendering again.
The QR code's modules come from the ``qrcode`` package and are drawn as vector squares.
"""
from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Sequence

import qrcode
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

TITLES = {"SP": "SURAT PESANAN (ORDER LETTER)", "BAST": "BERITA ACARA SERAH TERIMA (RECEIPT)"}


@dataclass(frozen=True)
class DocumentFacts:
    kind: str
    number: str
    issued_at: str
    work_unit: str
    package: str
    vendor: str
    lines: Sequence[tuple[str, int, str, int, int]]
    """name, quantity, unit, unit price, line total"""
    subtotal: int
    vat: int
    total: int
    signatures: Sequence[tuple[str, str, str]]
    """what, who, when"""
    verify_url: str


def render(facts: DocumentFacts) -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1)
    canvas.setTitle(f"{facts.kind} {facts.number}")
    width, height = A4
    y = height - 25 * mm
    canvas.setFont("Helvetica-Bold", 13)
    canvas.drawString(20 * mm, y, TITLES[facts.kind])
    canvas.setFont("Helvetica", 10)
    for text in (
        f"Number: {facts.number}",
        f"Issued: {facts.issued_at}",
        f"Work unit: {facts.work_unit}",
        f"Budget package: {facts.package}",
        f"Vendor: {facts.vendor}",
    ):
        y -= 6 * mm
        canvas.drawString(20 * mm, y, text)
    y -= 10 * mm
    canvas.setFont("Helvetica-Bold", 9)
    for x, heading in ((20, "Item"), (110, "Qty"), (130, "Unit"), (150, "Price"), (175, "Total")):
        canvas.drawString(x * mm, y, heading)
    canvas.setFont("Helvetica", 9)
    for name, quantity, unit, price, total in facts.lines:
        y -= 5 * mm
        canvas.drawString(20 * mm, y, name[:55])
        canvas.drawRightString(120 * mm, y, str(quantity))
        canvas.drawString(130 * mm, y, unit)
        canvas.drawRightString(170 * mm, y, f"{price:,}")
        canvas.drawRightString(195 * mm, y, f"{total:,}")
    for label, amount in (("Subtotal", facts.subtotal), ("VAT (PPN)", facts.vat), ("Total", facts.total)):
        y -= 6 * mm
        canvas.drawString(150 * mm, y, label)
        canvas.drawRightString(195 * mm, y, f"Rp {amount:,}")
    y -= 10 * mm
    canvas.setFont("Helvetica-Bold", 9)
    canvas.drawString(20 * mm, y, "Approvals")
    canvas.setFont("Helvetica", 9)
    for what, who, when in facts.signatures:
        y -= 5 * mm
        canvas.drawString(20 * mm, y, f"{what}: {who} at {when}")
    _draw_qr(canvas, facts.verify_url, x=150 * mm, y=20 * mm, size=40 * mm)
    canvas.setFont("Helvetica", 7)
    canvas.drawString(20 * mm, 20 * mm, f"Verify: {facts.verify_url}")
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw_qr(canvas: Canvas, text: str, *, x: float, y: float, size: float) -> None:
    code = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M)
    code.add_data(text)
    code.make(fit=True)
    matrix = code.get_matrix()
    module = size / len(matrix)
    for row_index, row in enumerate(matrix):
        for column_index, dark in enumerate(row):
            if dark:
                canvas.rect(x + column_index * module, y + size - (row_index + 1) * module, module, module, stroke=0, fill=1)
