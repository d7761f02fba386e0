-- Reports of marts.reports without a row in marts.scorecards, and scorecards of no report:
-- every report is scored exactly once (the key test on report_id catches duplicates).
select r.report_id, 'no scorecard' as problem
from {{ ref('reports') }} as r
left join {{ ref('scorecards') }} as s on s.report_id = r.report_id
where s.report_id is null

union all

select s.report_id, 'no report' as problem
from {{ ref('scorecards') }} as s
left join {{ ref('reports') }} as r on r.report_id = s.report_id
where r.report_id is null
