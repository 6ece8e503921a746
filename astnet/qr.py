"""QR codes as inline SVG images (the CSP allows data: images): the second factor's setup and the
workshop's big screen, where phones scan their way to /stem/ (issue 20)."""

import base64
import io

import qrcode
import qrcode.image.svg


def data_uri(text: str) -> str:
    """`text` (a URL) as a QR code in an SVG data URI, for an <img src>; scales without blur."""
    image = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buffer = io.BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
