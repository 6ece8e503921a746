"""QR codes for the participant codes' sheet, drawn with the `qrcode` library as SVG."""

import base64
import io

import qrcode
import qrcode.image.svg


def qr_data_uri(text: str) -> str:
    """`text` (e.g. an absolute URL) as a QR code in an SVG `data:` URI, for an `<img>` on a page
    or in a PDF (the CSP allows data: images; the PDF renderer fetches nothing)."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
