"""Community health in numbers a moderator can act on: aggregates per week, never names."""
