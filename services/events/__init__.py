"""Events: planning, registrations, sign-in at the door, draws and reports."""
