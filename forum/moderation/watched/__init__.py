"""Watched words: words and patterns the moderators keep, each with an action the write rule
takes when a member writes them (block, hold, flag, replace, attach a resource, add a
content note, or the care check's words of risk)."""
