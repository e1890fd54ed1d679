"""Coupons: issuing, signed codes, checking and redeeming at the counter, lists."""
