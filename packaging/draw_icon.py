"""Draws the application icon (run once; the PNG and ICO it makes are committed).

A teal rounded square, the character 积 (points) in white and a small gold star: readable
at 16 px in a task bar and at 256 px on a desktop.
Run: python packaging/draw_icon.py
"""

import math
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

OUT = Path(__file__).resolve().parent.parent / "resources" / "icons"
FONT_CANDIDATES = (
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)


def draw(size: int = 512) -> Image.Image:
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    pen.rounded_rectangle((0, 0, size - 1, size - 1), radius=size // 5, fill=(15, 118, 110))
    font = next(
        ImageFont.truetype(p, int(size * 0.62)) for p in FONT_CANDIDATES if Path(p).exists()
    )
    pen.text((size / 2, size * 0.54), "积", font=font, fill="white", anchor="mm")
    r, cx, cy = size * 0.09, size * 0.8, size * 0.2
    star = []
    for i in range(10):
        angle = math.pi / 2 + i * math.pi / 5
        radius = r if i % 2 == 0 else r * 0.45
        star.append((cx + radius * math.cos(angle), cy - radius * math.sin(angle)))
    pen.polygon(star, fill=(250, 204, 21))
    return image


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    icon = draw()
    icon.resize((256, 256), Image.LANCZOS).save(OUT / "loyalty-counter.png")
    icon.save(OUT / "loyalty-counter.ico", sizes=[(16, 16), (32, 32), (48, 48), (256, 256)])


if __name__ == "__main__":
    main()
