"""Support for people in a hard moment: the help page with crisis lines and resources."""
