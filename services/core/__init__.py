"""The platform under every use case: the unit of work, the journal, clock, ids, codec,
errors, settings, set-up, backups, maintenance and the audit chain."""
