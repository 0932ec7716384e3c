"""Recovery counters: private streaks and totals that survive a slip, and milestones to share."""
