-- Weights of seeds/scorecard_weights that do not sum to 1: the item weights of each dimension,
-- and the dimension weights (dimension '(all)'). A tolerance of 0.0001 lets 1/3 and 1/7 be
-- written to six decimals. Lists the offending sums.
select dimension, sum(weight) as total
from {{ ref('scorecard_weights') }}
where item_code is not null
group by dimension
having abs(sum(weight) - 1) > 0.0001

union all

select '(all)' as dimension, sum(weight) as total
from {{ ref('scorecard_weights') }}
where item_code is null
having abs(sum(weight) - 1) > 0.0001
