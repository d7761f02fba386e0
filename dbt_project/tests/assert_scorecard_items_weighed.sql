-- Items of seeds/scorecard_catalog without a weight in seeds/scorecard_weights, or weighed
-- under another dimension than their own, and dimensions without a weight in the total:
-- a missing weight would drop an item or a dimension from every score.
select c.item_code, c.dimension, w.dimension as weighed_under
from {{ ref('scorecard_catalog') }} as c
left join {{ ref('scorecard_weights') }} as w on w.item_code = c.item_code
where w.item_code is null or w.dimension <> c.dimension

union all

select null as item_code, d.dimension, null as weighed_under
from {{ ref('scorecard_dimensions') }} as d
left join {{ ref('scorecard_weights') }} as w on w.dimension = d.dimension and w.item_code is null
where w.dimension is null
