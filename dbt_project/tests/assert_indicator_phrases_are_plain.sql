-- Phrases are plain text with '%' as the only wildcard: the matcher turns them into
-- regular expressions, so a stray regex character would silently change what matches.
select indicator_code, phrase
from {{ ref('indicator_phrases') }}
where
    regexp_matches(phrase, '[.^$*+?()\[\]{}|\\]')
    or trim(phrase, '%') = ''
