"""Staff accounts, sign-in with PIN and lockout, permissions and manager approvals."""
