"""What the parse pool's forkserver preloads: the parser with its tables warm (ingestion/intake/worker.py)."""
from ingestion.intake.worker import warm

warm()
