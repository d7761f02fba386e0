from ingestion.model import Mention, RateLink
def link_rates(mentions, text: str) -> tuple[RateLink, ...]:
    return ()
