"""A manual transfer's proof: a PDF or an image, recognised by its content (its magic bytes), never
by the name or type the uploader claims, and no larger than the deployment allows."""
from __future__ import annotations

import base64
import binascii

from payments.domain.errors import InvalidFields

_SIGNATURES = (
    (b"%PDF-", "application/pdf"),
    (b"\x89PNG\r\n\x1a\n", "image/png"),
    (b"\xff\xd8\xff", "image/jpeg"),
)


def content_type_of(content: bytes) -> str | None:
    return next((kind for magic, kind in _SIGNATURES if content.startswith(magic)), None)


def read_proof(encoded: str, *, max_bytes: int) -> tuple[str, bytes]:
    """The proof's content type and bytes from its base64 text; InvalidFields naming ``proof``."""
    try:
        content = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError):
        raise InvalidFields({"proof": ["must be the file's content in base64"]}) from None
    if not content:
        raise InvalidFields({"proof": ["the file is empty"]})
    if len(content) > max_bytes:
        raise InvalidFields({"proof": [f"the file is larger than {max_bytes} bytes"]})
    kind = content_type_of(content)
    if kind is None:
        raise InvalidFields({"proof": ["must be a PDF, PNG or JPEG file"]})
    return kind, content
