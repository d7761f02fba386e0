from ingestion.model import Mention, Section
def extract_mentions(text: str, sections) -> tuple[Mention, ...]:
    return ()
