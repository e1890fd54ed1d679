"""Use cases and rules of the loyalty counter. No Qt here: the GUI calls in, never the reverse."""
