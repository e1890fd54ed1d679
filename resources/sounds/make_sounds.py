"""Writes the door's three short sounds (16-bit mono WAV), so they are reproducible.

Run: python resources/sounds/make_sounds.py
admit: one bright rising chirp; warn (already signed in): two mid beeps; refuse: a low buzz.
"""

import math
import struct
import wave
from pathlib import Path

RATE = 22050


def tone(freqs: list[tuple[float, float]], volume: float = 0.5) -> bytes:
    frames = bytearray()
    for freq, seconds in freqs:
        n = int(RATE * seconds)
        for i in range(n):
            fade = min(1.0, i / 200, (n - i) / 200)  # no clicks at the edges
            sample = math.sin(2 * math.pi * freq * i / RATE) if freq else 0.0
            frames += struct.pack("<h", int(32767 * volume * fade * sample))
    return bytes(frames)


SOUNDS = {
    "admit": [(880, 0.07), (1320, 0.11)],
    "warn": [(660, 0.09), (0, 0.06), (660, 0.09)],
    "refuse": [(196, 0.32)],
}


def main() -> None:
    here = Path(__file__).parent
    for name, parts in SOUNDS.items():
        with wave.open(str(here / f"{name}.wav"), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(RATE)
            out.writeframes(tone(parts))


if __name__ == "__main__":
    main()
