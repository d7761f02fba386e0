-- placeholder until the taxonomy model lands (owned by the issue-4 work)
select section_id, cast(null as varchar) as dimension, cast(null as double) as dimension_score
from {{ ref('stg_sections') }} where false
