"""Gifts: the catalog, stock and redeeming a gift for points."""
