"""Ids are UUIDv7 made on the device: time-sortable and unique across offline counters.

Made here rather than by a library because a first pull makes two ids per member for a
million members, and the usual implementations ask the kernel for randomness on every
call (a system call each: an eighth of that pull). The randomness here comes from the
same source (`os.urandom`) drawn 4 KiB at a time; a forked child draws afresh, so it
never repeats its parent's ids. `new_ids` makes a page's worth under one lock, with one
draw of randomness and the time's text made once per millisecond (a third of the cost).
"""

import os
import threading
import time

_POOL_BYTES = 4096
_lock = threading.Lock()
_pool = b""
_offset = 0
_last_ms = 0
_seq = 0


def new_id() -> str:
    global _offset, _pool, _last_ms, _seq
    with _lock:
        if _offset + 8 > len(_pool):
            _pool, _offset = os.urandom(_POOL_BYTES), 0
        random_bits = int.from_bytes(_pool[_offset : _offset + 8], "big") >> 2  # 62 bits
        _offset += 8
        # Ids made in one millisecond count up in the 12 bits after the time (RFC 9562,
        # 6.2, method 1), so a process's ids sort in the order it made them.
        ms = time.time_ns() // 1_000_000
        if ms > _last_ms:
            _last_ms, _seq = ms, 0
        else:
            _seq += 1
            if _seq > 0xFFF:  # more than 4,096 in a millisecond: borrow the next one
                _last_ms, _seq = _last_ms + 1, 0
        # 48 bits of time, version 7, 12 bits of count, variant 0b10, 62 random bits.
        value = (_last_ms & 0xFFFF_FFFF_FFFF) << 80 | 7 << 76 | _seq << 64 | 2 << 62 | random_bits
    h = f"{value:032x}"
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def new_ids(count: int) -> list[str]:
    """`count` ids, as `count` calls of `new_id` would make them (same order, same form)."""
    global _last_ms, _seq
    if count <= 0:
        return []
    randomness = os.urandom(8 * count)
    ids: list[str] = []
    append = ids.append
    with _lock:
        ms = max(time.time_ns() // 1_000_000, _last_ms)
        seq = _seq + 1 if ms == _last_ms else 0
        offset = 0
        while offset < len(randomness):
            if seq > 0xFFF:
                ms, seq = ms + 1, 0
            h = f"{ms & 0xFFFF_FFFF_FFFF:012x}"
            prefix = f"{h[:8]}-{h[8:]}-7"
            # The ids of this millisecond: up to the 4,096th, or as many as are still due.
            take = min(0x1000 - seq, (len(randomness) - offset) // 8)
            for tail_seq in range(seq, seq + take):
                tail = f"{2 << 62 | int.from_bytes(randomness[offset : offset + 8]) >> 2:016x}"
                append(f"{prefix}{tail_seq:03x}-{tail[:4]}-{tail[4:]}")
                offset += 8
            seq += take
        _last_ms, _seq = ms, seq - 1
    return ids


def _forget_pool() -> None:
    global _pool, _offset
    _pool, _offset = b"", 0


os.register_at_fork(after_in_child=_forget_pool)
