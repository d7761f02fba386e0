-- placeholder until the catalog mapping lands (owned by the issue-4 work)
select mention_id, cast(null as varchar) as indicator_code, cast(null as varchar) as matched_phrase
from {{ ref('stg_indicator_mentions') }} where false
