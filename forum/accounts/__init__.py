"""Pseudonymous accounts: sign-up, sign-in, settings, data export and account deletion."""
