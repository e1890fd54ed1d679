"""Business rules as pure functions: plain values in, plain values out; no session, no clock.

The counter and the central system call the same functions, so they cannot disagree.
"""
