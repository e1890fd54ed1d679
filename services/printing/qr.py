"""QR codes drawn as vector squares: sharp at any printer resolution, no image library."""

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from reportlab.pdfgen.canvas import Canvas


def qr_matrix(text: str) -> list[list[bool]]:
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=0)
    code.add_data(text.upper(), optimize=0)  # upper case keeps the alphanumeric mode
    code.make(fit=True)
    return code.get_matrix()


def draw_qr(canvas: Canvas, text: str, x: float, y: float, size: float) -> None:
    """Draws the code with its lower-left corner at (x, y), `size` points wide."""
    matrix = qr_matrix(text)
    cell = size / len(matrix)
    canvas.saveState()
    canvas.setFillColorRGB(0, 0, 0)
    for row, cells in enumerate(matrix):
        top = y + size - (row + 1) * cell
        col = 0
        while col < len(cells):
            if not cells[col]:
                col += 1
                continue
            start = col
            while col < len(cells) and cells[col]:
                col += 1
            # One rectangle per run of dark cells keeps the PDF small.
            canvas.rect(x + start * cell, top, (col - start) * cell, cell, stroke=0, fill=1)
    canvas.restoreState()
