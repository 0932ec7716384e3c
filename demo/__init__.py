"""Demo content: boards, members and realistic, generated threads for a fresh forum."""
