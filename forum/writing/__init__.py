"""The one rule for storing text a person wrote, whatever the path it comes by."""
