"""The benchmark: generated data (bench.data), a gunicorn server under load (bench.run)."""
