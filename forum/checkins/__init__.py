"""The daily rhythm: a check-in thread each morning in each time-zone band, and the private
pledge ("Today I won't drink or use") with its streak."""
