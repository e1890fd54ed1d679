"""Draws the demo gifts' pictures (flat, 256 px PNGs) into this folder.

Run `python resources/gifts/draw_gifts.py` after changing a drawing; the PNGs are shipped,
this script is only how they were made.
"""

from pathlib import Path

from PIL import Image, ImageDraw

SIZE = 256
HERE = Path(__file__).resolve().parent
INK = "#243b53"


def canvas(background: str) -> tuple[Image.Image, ImageDraw.ImageDraw]:
    image = Image.new("RGB", (SIZE, SIZE), "#ffffff")
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((8, 8, SIZE - 8, SIZE - 8), 36, fill=background)
    return image, draw


def cup() -> Image.Image:
    image, d = canvas("#e0f2f1")
    d.rounded_rectangle((88, 60, 168, 210), 18, fill="#0f766e")
    d.rounded_rectangle((84, 44, 172, 70), 10, fill=INK)
    d.rectangle((88, 110, 168, 126), fill="#5eead4")
    return image


def bag() -> Image.Image:
    image, d = canvas("#fef3c7")
    d.arc((92, 40, 164, 120), 180, 360, fill="#92400e", width=10)
    d.polygon([(64, 90), (192, 90), (206, 214), (50, 214)], fill="#d6a354")
    d.ellipse((108, 130, 148, 170), outline="#92400e", width=6)
    return image


def car_wash() -> Image.Image:
    image, d = canvas("#dbeafe")
    d.rounded_rectangle((48, 130, 208, 182), 16, fill="#2563eb")
    d.polygon([(80, 130), (104, 96), (160, 96), (184, 130)], fill="#3b82f6")
    for x in (84, 172):
        d.ellipse((x - 18, 166, x + 18, 202), fill=INK)
    for x, y in ((70, 52), (120, 40), (170, 56)):
        d.ellipse((x - 10, y - 10, x + 10, y + 10), fill="#93c5fd")
    return image


def umbrella() -> Image.Image:
    image, d = canvas("#fce7f3")
    d.pieslice((40, 52, 216, 200), 180, 360, fill="#db2777")
    d.line((128, 126, 128, 206), fill=INK, width=8)
    d.arc((108, 190, 132, 218), 0, 180, fill=INK, width=8)
    return image


def tea() -> Image.Image:
    image, d = canvas("#ecfccb")
    d.rounded_rectangle((52, 96, 204, 206), 12, fill="#4d7c0f")
    d.rectangle((52, 96, 204, 122), fill="#365314")
    d.rectangle((120, 96, 136, 206), fill="#facc15")
    d.ellipse((96, 40, 128, 96), fill="#65a30d")
    d.ellipse((128, 48, 160, 96), fill="#84cc16")
    return image


def speaker() -> Image.Image:
    image, d = canvas("#ede9fe")
    d.rounded_rectangle((72, 44, 184, 212), 22, fill="#4c1d95")
    d.ellipse((96, 112, 160, 176), fill="#a78bfa")
    d.ellipse((116, 132, 140, 156), fill="#4c1d95")
    d.ellipse((116, 68, 140, 92), fill="#a78bfa")
    return image


def gift_set() -> Image.Image:
    image, d = canvas("#e2e8f0")
    d.rectangle((56, 108, 200, 212), fill="#3f4c5a")
    d.rectangle((48, 84, 208, 112), fill="#52606d")
    d.rectangle((118, 84, 138, 212), fill="#e5c07b")
    d.ellipse((88, 50, 128, 90), outline="#e5c07b", width=10)
    d.ellipse((128, 50, 168, 90), outline="#e5c07b", width=10)
    return image


def cinema() -> Image.Image:
    image, d = canvas("#fee2e2")
    for dx, colour in ((-14, "#f87171"), (14, "#b91c1c")):
        d.rounded_rectangle((60 + dx, 78 + dx, 196 + dx, 170 + dx), 10, fill=colour)
    for y in (110, 130, 150):
        d.line((100, y, 184, y), fill="#fecaca", width=6)
    return image


DRAWINGS = {
    "cup.png": cup,
    "bag.png": bag,
    "car-wash.png": car_wash,
    "umbrella.png": umbrella,
    "tea.png": tea,
    "speaker.png": speaker,
    "gift-set.png": gift_set,
    "cinema.png": cinema,
}


def main() -> None:
    for name, draw in DRAWINGS.items():
        draw().quantize(colors=32).save(HERE / name, optimize=True)


if __name__ == "__main__":
    main()
