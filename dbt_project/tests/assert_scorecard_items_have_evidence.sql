-- Scorecard rows that cannot be traced: a scored item without evidence and without an
-- explanation, or a not-applicable item without its reason. Every score must point to the
-- sentences behind it or say why there are none.
select report_id, item_code, status, value
from {{ ref('scorecard_items') }}
where
    (status = 'scored' and len(evidence) = 0 and explanation is null)
    or (status = 'not_applicable' and (not_applicable_reason is null or value is not null))
    or (status = 'scored' and value is null)
