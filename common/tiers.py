"""The membership tiers, lowest first: the counter's rules, tables and screens, the protocol
and the centre all read this one tuple."""

TIERS = ("bronze", "silver", "gold", "platinum")
