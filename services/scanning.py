"""Reading QR codes from camera frames (zxing-cpp), for counters without a hand scanner."""

import zxingcpp
from PIL import Image


def decode_qr_codes(gray: bytes, width: int, height: int, stride: int | None = None) -> list[str]:
    """Texts of the QR codes in an 8-bit grayscale frame; [] when there are none."""
    row = stride or width
    if len(gray) < row * height:
        raise ValueError("frame buffer is smaller than its size says")
    image = Image.frombuffer("L", (width, height), gray, "raw", "L", row, 1)
    results = zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)
    return [r.text for r in results if r.valid]
