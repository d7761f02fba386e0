"""What the parse pool's forkserver preloads: the parser with its tables warm (ingestion/parse_job.py)."""
from ingestion.parse_job import warm

warm()
