"""A malicious or broken counter against a real centre: each test is an attack seen, and the
centre's expected answer (docs/sync-protocol.md, ARCHITECTURE "The centre is a trust
boundary")."""
