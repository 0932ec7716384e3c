"""Work that runs without a request, through Huey: the queue (queue.py, which any feature may
use to hand work over), the jobs and their schedule (jobs.py), and `flask tasks` (cli.py)."""
