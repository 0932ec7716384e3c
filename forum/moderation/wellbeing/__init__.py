"""Care for the moderators: folding hard posts, "not today", workload and breaks, practice."""
