-- Every level-2 heading (（一）…) is the unit readers compare across reports, so each must
-- land in a 纲要 dimension or theme. It refs marts.sections alone, so Dagster shows it as a
-- check of that asset.
select section_id, report_id, path, title
from {{ ref('sections') }}
where level = 2 and dimension is null
