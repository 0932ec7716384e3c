"""Earned trust: levels a member reaches from what they did here, and what each one opens."""
