from ingestion.model import Section
def segment(text: str) -> tuple[Section, ...]:
    return ()
