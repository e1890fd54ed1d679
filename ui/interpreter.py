"""How the counter's interpreter shares its time: the GUI thread and the workers take turns
holding Python's global lock, and the cycle collector pauses whichever thread it runs in.

Both are set for a window at a till, where a scan's answer is due within a frame:
- `share_lock_for_gui` (when the application is created): a thread waiting for the lock
  asks the holder to let go after GIL_SWITCH_S instead of Python's 5 ms. A scan's path hands
  the lock between the GUI thread and its worker several times (each Qt event that reaches
  a Python filter takes it), and with a worker busy in Python each hand-over cost up to
  the whole interval.
- `freeze_start_up_heap` (once the window has loaded what it needs): the objects alive
  then (modules, Qt wrappers, mappers, schemas; about 150,000) live as long as the
  process, so the collector stops walking them. A full collection walked them all and
  stopped whichever thread ran it for 50-200 ms, about once a few hundred scans.
"""

import gc
import sys

GIL_SWITCH_S = 0.001

_frozen = False


def share_lock_for_gui() -> None:
    sys.setswitchinterval(GIL_SWITCH_S)


def freeze_start_up_heap() -> None:
    """Once per process: collects what is garbage now, then keeps the rest out of every
    later collection (objects made afterwards are collected as before)."""
    global _frozen
    if _frozen:
        return
    _frozen = True
    gc.collect()
    gc.freeze()
