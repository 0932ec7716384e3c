"""A progress bar on standard error that shows its rate, for the generator and the index."""

import sys
import time


class Progress:
    def __init__(self, total: int, what: str, out=sys.stderr, width: int = 30):
        self.total, self.what, self.out, self.width = max(total, 1), what, out, width
        self.done = 0
        self.started = self.shown = time.perf_counter()

    def rate(self) -> float:
        return self.done / max(time.perf_counter() - self.started, 1e-9)

    def update(self, count: int) -> None:
        self.done += count
        now = time.perf_counter()
        if now - self.shown >= 0.5 or self.done >= self.total:
            self.shown = now
            self._draw()

    def _draw(self) -> None:
        filled = min(self.width, self.width * self.done // self.total)
        bar = "#" * filled + "." * (self.width - filled)
        self.out.write(
            f"\r  [{bar}] {self.done:,}/{self.total:,} {self.what}  {self.rate():,.0f}/s "
        )
        self.out.flush()

    def finish(self) -> float:
        """Draw the last state, end the line, and return the rate per second."""
        self._draw()
        self.out.write("\n")
        self.out.flush()
        return self.rate()
