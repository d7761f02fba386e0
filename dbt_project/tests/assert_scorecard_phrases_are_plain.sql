-- Phrases of seeds/scorecard_phrases that are not plain Chinese characters: they are joined
-- into one regular expression, where a stray | ( . would change what counts.
select kind, phrase
from {{ ref('scorecard_phrases') }}
where not regexp_matches(phrase, '^[\x{4e00}-\x{9fff}]+$')
