"""How far a counter's clock may be from the centre's before it is flagged, pure.

Device clocks order things for people; the centre's clock decides money (expiry dates, what is
due). A counter whose clock is off by more than this says so on screen, and the centre marks
the operations it sends then.
"""

from datetime import datetime, timedelta

CLOCK_TOLERANCE = timedelta(minutes=5)


def clock_skew(device_now: datetime, server_now: datetime) -> timedelta:
    """The device's clock minus the centre's (positive: the device runs ahead)."""
    return device_now - server_now


def clock_skew_problem(device_now: datetime, server_now: datetime) -> bool:
    return abs(clock_skew(device_now, server_now)) > CLOCK_TOLERANCE
