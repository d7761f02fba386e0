def clean_text(raw: str) -> str:
    return raw
