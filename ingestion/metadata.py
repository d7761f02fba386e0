from ingestion.model import ReportMetadata
def extract_metadata(raw_text: str, text: str) -> ReportMetadata:
    return ReportMetadata()
